/** All accounts, rules and cards were created in one migration: identical created_at. */
import { defineDataVariant, setTime } from './define-data.ts';

export default defineDataVariant({
  id: 'data-accounts-created-same-instant',
  description:
    'Accounts, rules and cards of both organizations share one created_at (2023-06-01T00:00:00Z, a data migration).',
  clauses: ['C-BODY-1'],
  transform: (data) => {
    const ms = Date.UTC(2023, 5, 1);
    for (const org of data.orgs) for (const r of [...org.accounts, ...org.rules, ...org.cards]) setTime(r, ms);
  },
});
