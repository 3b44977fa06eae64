/** `ruleGate` part (C-STATE-3): a disabled rule is never triggered (409 `rule_disabled`). */
import { fail, type Fail, type RuleRec } from '../types.ts';

/** Returns a 409 failure for a rule that may not run now, else undefined. */
export type RuleGate = (rule: RuleRec) => Fail | undefined;

/** Default gate: only enabled rules run. */
export const ruleGate: RuleGate = (rule) =>
  rule.status === 'enabled'
    ? undefined
    : fail('rule_disabled', 'The rule is disabled; enable it in the Sequence app before triggering it.');
