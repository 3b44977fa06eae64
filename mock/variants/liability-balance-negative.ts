/** Liability external accounts report a negative balance (money owed); C-SHAPE asks only for integer cents. */
import { serialize } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'liability-balance-negative',
  description:
    'balance_in_cents of a LIABILITY external account is negative (the amount owed), as a ledger would show it.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    account: (s, a) => {
      const j = serialize.account(s, a);
      return a.external_account_type === 'LIABILITY'
        ? { ...j, balance_in_cents: -Math.abs(a.balance_in_cents) - 1 }
        : j;
    },
  },
});
