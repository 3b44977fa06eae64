/**
 * Mutants the suite does NOT kill yet: realistic single-part faults, each a violation of a MUST
 * clause, that the generated matrix never provokes or no check notices. They are kept out of
 * {@link MUTANTS} so the gate stays green; each is a gap of the suite to close, after which it
 * moves to index.ts. Same shape as the gate's mutants (one part each, file named after the id).
 */
import type { Mutant } from './index.ts';

/** Surviving mutants: none at the moment (every round's survivors were closed in the suite and moved to index.ts). */
export const SURVIVORS: readonly Mutant[] = Object.freeze([]);
