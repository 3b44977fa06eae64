/** Every transfer, card transaction and rule amount is 1 cent (the smallest C-SHAPE allows). */
import { defineDataVariant } from './define-data.ts';

export default defineDataVariant({
  id: 'data-amounts-one-cent',
  description: 'All seed amounts are 1 cent and balances small (a test organization moving pennies).',
  clauses: ['C-BODY-1'],
  transform: (data) => {
    for (const org of data.orgs) {
      for (const t of org.transfers) t.amount_in_cents = 1;
      for (const x of org.cardTransactions) x.amount_in_cents = 1;
      for (const r of org.rules) r.amount_in_cents = 1;
      for (const a of org.accounts) a.balance_in_cents = a.balance_in_cents < 0 ? -1 : 1;
    }
  },
});
