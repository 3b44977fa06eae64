/** Every rule's source is an account with no transfers (the empty pod). */
import { defineDataVariant } from './define-data.ts';

export default defineDataVariant({
  id: 'data-rules-from-idle-account',
  description: 'All rules draw from the pod that has no transfers and no cards; the seed executions still exist.',
  clauses: ['C-LIST-1'],
  transform: (data) => {
    for (const org of data.orgs) for (const r of org.rules) r.source_id = org.named.emptyPod;
  },
});
