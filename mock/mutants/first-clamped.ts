/** `first` outside 1..100 is clamped instead of refused (C-VAL-2). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

function clamped<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) => {
    const f = ctx.query.values.get('first');
    if (f === undefined || !/^[0-9]+$/.test(f)) return v(ctx);
    const values = new Map(ctx.query.values);
    values.set('first', String(Math.min(100, Math.max(1, Number(f)))));
    return v({ ...ctx, query: { ...ctx.query, values } });
  };
}

const part: Validators = {
  ...validators,
  listTransfers: clamped(validators.listTransfers),
  listRuleExecutions: clamped(validators.listRuleExecutions),
  listCardTransactions: clamped(validators.listCardTransactions),
};

export default defineMutant({
  id: 'first-clamped',
  description: 'first=0 is read as 1 and first=101 as 100 instead of being refused with 400.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part,
});
