/**
 * Run-time IDs minted from a coarse clock: a create within 250 ms of the one that minted an ID gets
 * that ID again, so transfers created at once share one (C-STATE-1).
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
    'Run-time IDs come from a 250 ms clock tick and a random part drawn once per tick: transfers created within one tick, as parallel creates are, get the same ID.',
  replaces: 'ids',
  clauses: ['C-STATE-1'],
  part,
});
