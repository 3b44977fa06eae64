/** Transfers and executions created on one day share created_at (midnight UTC): many ties (C-LIST-3). */
import { defineDataVariant, setTime } from './define-data.ts';

const DAY = 86_400_000;
export default defineDataVariant({
  id: 'data-times-coincide-per-day',
  description:
    'Seed transfers, executions and card transactions are stamped with the day they were booked (00:00:00Z): several share each created_at.',
  clauses: ['C-LIST-3'],
  transform: (data) => {
    for (const org of data.orgs)
      for (const r of [...org.transfers, ...org.executions, ...org.cardTransactions])
        setTime(r, Math.floor(r.createdMs / DAY) * DAY);
  },
});
