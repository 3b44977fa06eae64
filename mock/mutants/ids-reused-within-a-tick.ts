/**
 * Run-time IDs cached for a coarse tick: for 250 ms after an ID is minted, every create of the same
 * kind gets that ID again, so transfers created at once share one (C-STATE-1).
 */
import { ids, type IdsPart } from '../parts/ids.ts';
import { defineMutant } from './define.ts';

const TICK_MS = 250;

const part: IdsPart = (seed) => {
  const next = ids(seed);
  const minted = new Map<string, { id: string; at: number }>();
  return (prefix) => {
    const now = Date.now();
    const last = minted.get(prefix);
    if (last && now - last.at < TICK_MS) return last.id;
    const id = next(prefix);
    minted.set(prefix, { id, at: now });
    return id;
  };
};

export default defineMutant({
  id: 'ids-reused-within-a-tick',
  description:
    'A minted run-time ID is reused for 250 ms: every create of the same kind within that time after it, as parallel creates are, gets the same ID.',
  replaces: 'ids',
  clauses: ['C-STATE-1'],
  part,
});
