/** `first` above 50 is silently capped to 50 (C-LIST-3, C-VAL-2). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

function capped<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) => {
    const f = ctx.query.values.get('first');
    if (f === undefined || !/^[0-9]+$/.test(f) || Number(f) > 100 || Number(f) <= 50) return v(ctx);
    const values = new Map(ctx.query.values);
    values.set('first', '50');
    return v({ ...ctx, query: { ...ctx.query, values } });
  };
}

export default defineMutant({
  id: 'first-capped-50',
  description:
    'An internal page-size cap of 50 applies on top of the documented 1..100: first=100 returns 50 items (with has_next_page true).',
  replaces: 'validators',
  clauses: ['C-LIST-3', 'C-VAL-2'],
  part: {
    ...validators,
    listTransfers: capped(validators.listTransfers),
    listRuleExecutions: capped(validators.listRuleExecutions),
    listCardTransactions: capped(validators.listCardTransactions),
  } satisfies Validators,
});
