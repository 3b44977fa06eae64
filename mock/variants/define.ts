/** A benign variant has the shape of a mutant: the defaults with exactly one part replaced. */
import { defineMutant, type Mutant } from '../mutants/index.ts';

/**
 * A different but contract-conforming mock: `clauses` are the clauses that leave the behaviour
 * open (or allow it), not clauses it breaks.
 */
export type BenignVariant = Mutant;

/** Builds a {@link BenignVariant}. */
export const defineVariant: typeof defineMutant = (v) => defineMutant(v);
