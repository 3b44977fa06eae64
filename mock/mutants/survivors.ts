/**
 * Mutants the suite does NOT kill yet: realistic single-part faults, each a violation of a MUST
 * clause, that the generated matrix never provokes or no check notices. They are kept out of
 * {@link MUTANTS} so the gate stays green; each is a gap of the suite to close, after which it
 * moves to index.ts. Same shape as the gate's mutants (one part each, file named after the id).
 */
import type { Mutant } from './index.ts';
import executionsOfDisabledRuleUnlisted from './executions-of-disabled-rule-unlisted.ts';
import longQueryValueCrashes from './long-query-value-crashes.ts';

/**
 * Surviving mutants of round 4: listRuleExecutions of a disabled rule answered [] (the seed gives
 * the disabled rules 2 and 1 executions; full-main's plain listRuleExecutions case for them
 * passes with an empty list: no membership check reads it); a 500 on any query value over 200
 * characters (the matrix never sends one).
 */
export const SURVIVORS: readonly Mutant[] = Object.freeze([executionsOfDisabledRuleUnlisted, longQueryValueCrashes]);
