/**
 * Data variants: a conforming server holding data of a shape the reference seed never produces.
 * Each replaces only the `store` part with a store built from a transformed copy of the seed.
 * The suite's inventory comes from discovery, so these are judged with their own discovery
 * (`prepareRun({ mock: { parts } })`, suites/gate/data-variants.test.ts), not against the
 * reference mock's.
 */
import { formatTime } from '../../prng.ts';
import type { SeedData } from '../../seed.ts';
import { Store } from '../../store.ts';
import type { BenignVariant } from '../define.ts';
import { defineVariant } from '../define.ts';

/** Builds a data variant whose store holds `transform(copy of the seed)`. */
export function defineDataVariant(v: {
  id: string;
  description: string;
  clauses: string[];
  transform: (data: SeedData) => void;
}): BenignVariant {
  return defineVariant({
    id: v.id,
    description: v.description,
    replaces: 'store',
    clauses: v.clauses,
    part: (data, keys, config, newId) => {
      const copy = structuredClone(data);
      v.transform(copy);
      return new Store(copy, keys, config, newId);
    },
  });
}

/** Sets a record's creation time. */
export function setTime(rec: { createdMs: number; created_at: string }, ms: number): void {
  rec.createdMs = ms;
  rec.created_at = formatTime(ms);
}
