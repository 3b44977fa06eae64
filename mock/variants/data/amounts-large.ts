/** Very large amounts and balances (integer cents well above 2^32). */
import { defineDataVariant } from './define-data.ts';

export default defineDataVariant({
  id: 'data-amounts-large',
  description: 'Amounts and balances are in the billions of dollars (integer cents up to about 10^14).',
  clauses: ['C-BODY-1'],
  transform: (data) => {
    for (const org of data.orgs) {
      for (const t of org.transfers) t.amount_in_cents *= 1_000_003;
      for (const x of org.cardTransactions) x.amount_in_cents *= 1_000_003;
      for (const a of org.accounts) a.balance_in_cents = a.balance_in_cents * 1_000_003 + 7;
    }
  },
});
