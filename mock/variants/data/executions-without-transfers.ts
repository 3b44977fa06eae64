/** Executions list no transfers and transfers name no execution (a server that does not link them). */
import { defineDataVariant } from './define-data.ts';

export default defineDataVariant({
  id: 'data-executions-without-transfers',
  description: 'Every seed execution has transfer_ids [] and every seed transfer rule_execution_id null.',
  clauses: ['C-BODY-1'],
  transform: (data) => {
    for (const org of data.orgs) {
      for (const e of org.executions) e.transfer_ids = [];
      for (const t of org.transfers) t.rule_execution_id = null;
    }
  },
});
