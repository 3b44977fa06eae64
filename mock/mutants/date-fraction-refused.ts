/** `from`/`to` with fractional seconds (or lower-case t/z) are refused, though they are RFC 3339 with an offset (C-VAL-2). */
import { validators } from '../parts/validators.ts';
import { fail, type Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const NARROW = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

function narrow<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) => {
    for (const name of ['from', 'to']) {
      const value = ctx.query.values.get(name);
      if (value !== undefined && !NARROW.test(value))
        return fail('invalid_request', `Query parameter '${name}' must be a date-time like 2024-01-15T10:00:00Z.`) as T;
    }
    return v(ctx);
  };
}

export default defineMutant({
  id: 'date-fraction-refused',
  description:
    'from/to are matched against YYYY-MM-DDTHH:MM:SS(Z|±HH:MM) with no fraction: 2024-01-15T10:00:00.123Z, which RFC 3339 allows, gets 400.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part: {
    ...validators,
    listTransfers: narrow(validators.listTransfers),
    listRuleExecutions: narrow(validators.listRuleExecutions),
    listCardTransactions: narrow(validators.listCardTransactions),
  },
});
