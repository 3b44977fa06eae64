/** manual_execute_amount is accepted on rules whose trigger type is not MANUAL (C-VAL-4). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'manual-amount-any-rule',
  description:
    "triggerRule never checks the rule's trigger type, so manual_execute_amount on a SCHEDULED or ON_FUNDS_TRANSFERRED rule is accepted.",
  replaces: 'validators',
  clauses: ['C-VAL-4'],
  part: { ...validators, triggerAmountForRule: () => undefined },
});
