/** Some transfers move money between two external accounts (a pull from one bank pushed to another). */
import { defineDataVariant } from './define-data.ts';

export default defineDataVariant({
  id: 'data-external-to-external',
  description:
    'Every fifth seed transfer goes from the DEPOSITORY external account to the INVESTMENT one (direction money_in); the external accounts are source and destination of many transfers.',
  clauses: ['C-LIST-2'],
  transform: (data) => {
    for (const org of data.orgs) {
      const dep = org.accounts.find((a) => a.external_account_type === 'DEPOSITORY');
      const inv = org.accounts.find((a) => a.external_account_type === 'INVESTMENT');
      if (!dep || !inv) continue;
      org.transfers.forEach((t, i) => {
        if (i % 5 !== 0 || t.rule_execution_id) return;
        t.source_id = dep.id;
        t.destination_id = inv.id;
        t.direction = 'money_in';
      });
    }
  },
});
