/** listCards treats `account_id` as optional and answers every card of the organization (C-VAL-1). */
import { validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'list-cards-without-account-id',
  description:
    "A listCards request without account_id (or with account_id=) gets 200 with all the organization's cards instead of 400.",
  replaces: 'validators',
  clauses: ['C-VAL-1'],
  part: {
    ...validators,
    listCards: (ctx) => {
      const raw = ctx.query.values.get('account_id');
      if (raw !== undefined && raw !== '') return validators.listCards(ctx);
      const values = new Map(ctx.query.values);
      values.set('account_id', 'acc_placeholder');
      const v = validators.listCards({ ...ctx, query: { ...ctx.query, values } } as Ctx);
      return v.ok ? { ok: true, value: { ...v.value, accountId: undefined } } : v;
    },
  },
});
