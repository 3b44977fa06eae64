/**
 * Transfers that were in flight have settled: every seed transfer that is `processing`,
 * `pending` or `pending_approval` in the reference data is `complete` here. Against one server
 * this is what happens between the suite's discovery and its later requests; statuses are
 * mutable (contract notes #7).
 */
import { Store } from '../store.ts';
import { defineVariant } from './define.ts';

const IN_FLIGHT = new Set(['processing', 'pending', 'pending_approval']);

class SettledStore extends Store {
  constructor(...args: ConstructorParameters<typeof Store>) {
    super(...args);
    for (const t of this.transfers.values()) if (IN_FLIGHT.has(t.status)) t.status = 'complete';
  }
}

export default defineVariant({
  id: 'seed-transfers-settled',
  description:
    'Seed transfers that were processing/pending/pending_approval at discovery are complete by the time the matrix runs.',
  replaces: 'store',
  clauses: ['C-LIST-1', 'C-LIST-2'],
  part: (data, keys, config, newId) => new SettledStore(data, keys, config, newId),
});
