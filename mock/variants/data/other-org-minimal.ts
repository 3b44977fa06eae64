/** The other organization holds a single account and nothing else. */
import { defineDataVariant } from './define-data.ts';

export default defineDataVariant({
  id: 'data-other-org-minimal',
  description:
    'The second organization is brand new: one income account, no rules, executions, transfers, cards or card transactions.',
  clauses: ['C-ORG-1', 'C-ORG-2'],
  transform: (data) => {
    const org = data.orgs[1];
    if (!org) return;
    org.accounts = org.accounts.filter((a) => a.id === org.named.income);
    org.rules = [];
    org.executions = [];
    org.transfers = [];
    org.cards = [];
    org.cardTransactions = [];
  },
});
