/** Disabled rules can be triggered (C-STATE-3). */
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'disabled-rule-triggered',
  description:
    "The rule's status is not checked: triggering a disabled rule answers 202 and starts an execution instead of 409 rule_disabled.",
  replaces: 'ruleGate',
  clauses: ['C-STATE-3'],
  part: () => undefined,
});
