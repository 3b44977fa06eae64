/** Every transaction of a card carries the same created_at (a batch import); C-LIST-3 orders by created_at and allows ties. */
import { defineDataVariant, setTime } from './define-data.ts';

export default defineDataVariant({
  id: 'data-card-transactions-same-instant',
  description:
    'All transactions of each card share one created_at (the latest of them): pages, cursors and from/to bounds must cope with ties.',
  clauses: ['C-LIST-3'],
  transform: (data) => {
    for (const org of data.orgs) {
      const latest = new Map<string, number>();
      for (const x of org.cardTransactions) latest.set(x.card_id, Math.max(latest.get(x.card_id) ?? 0, x.createdMs));
      for (const x of org.cardTransactions) setTime(x, latest.get(x.card_id) as number);
    }
  },
});
