/**
 * Benign variants the suite wrongly flags: each is contract-conforming, yet the matrix reports
 * findings on it. They are kept out of {@link VARIANTS} so the variants gate stays green; each
 * is a false positive of the suite to fix, after which it moves to index.ts. None at the moment:
 * the three found (stale statuses under a status filter, a server clock behind the client's) were
 * fixed in the suite and moved to index.ts.
 */
import type { BenignVariant } from './define.ts';

/** Conforming variants the suite currently reports findings on. */
export const FALSE_POSITIVES: readonly BenignVariant[] = Object.freeze([]);
