/** Account balances follow the transfers created at run time, as a real ledger would. */
import { serialize } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'balances-move',
  description:
    'balance_in_cents reflects every non-cancelled transfer created at run time (source debited, destination credited), so it changes during a run.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    account(store, a) {
      let delta = 0;
      for (const t of store.transfersByAccount.get(a.id) ?? []) {
        if (!t.id.startsWith('txr_01J') || t.status === 'cancelled') continue;
        if (t.destination_id === a.id) delta += t.amount_in_cents;
        if (t.source_id === a.id) delta -= t.amount_in_cents;
      }
      return { ...serialize.account(store, a), balance_in_cents: a.balance_in_cents + delta };
    },
  },
});
