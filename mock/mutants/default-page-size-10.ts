/** Without `first`, pages hold 10 items instead of the contract's default 20 (C-LIST-3). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

type PagedValidator =
  Validators['listTransfers'] | Validators['listRuleExecutions'] | Validators['listCardTransactions'];

function tenByDefault<V extends PagedValidator>(v: V): V {
  return ((ctx: Ctx) => {
    const r = v(ctx as never);
    return r.ok && !ctx.query.values.has('first') ? { ...r, value: { ...r.value, first: 10 } } : r;
  }) as V;
}

export default defineMutant({
  id: 'default-page-size-10',
  description:
    'A request without first gets pages of 10 items, and has_next_page, where the contract says the default is 20.',
  replaces: 'validators',
  clauses: ['C-LIST-3'],
  part: {
    ...validators,
    listTransfers: tenByDefault(validators.listTransfers),
    listRuleExecutions: tenByDefault(validators.listRuleExecutions),
    listCardTransactions: tenByDefault(validators.listCardTransactions),
  },
});
