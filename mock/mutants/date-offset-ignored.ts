/** The UTC offset of `from`/`to` is dropped: 10:00+02:00 is read as 10:00Z (C-LIST-1). */
import { validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

function asUtc<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) => {
    let values: Map<string, string> | undefined;
    for (const name of ['from', 'to']) {
      const value = ctx.query.values.get(name);
      const m = value === undefined ? null : /^(.*[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?)[+-]\d{2}:\d{2}$/.exec(value);
      if (m) (values ??= new Map(ctx.query.values)).set(name, `${m[1]}Z`);
    }
    return v(values ? { ...ctx, query: { ...ctx.query, values } } : ctx);
  };
}

export default defineMutant({
  id: 'date-offset-ignored',
  description:
    'from/to are parsed as local wall time and the ±hh:mm offset is discarded, so a bound with an offset filters hours off (items outside the bound come back).',
  replaces: 'validators',
  clauses: ['C-LIST-1', 'C-LIST-3'],
  part: {
    ...validators,
    listTransfers: asUtc(validators.listTransfers),
    listRuleExecutions: asUtc(validators.listRuleExecutions),
    listCardTransactions: asUtc(validators.listCardTransactions),
  },
});
