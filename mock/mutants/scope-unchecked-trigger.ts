/** triggerRule skips the up-front scope check; the rule-ID check (after body validation) refuses instead (C-PERM-3). */
import { scopeGuard } from '../parts/scope-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'scope-unchecked-trigger',
  description:
    'triggerRule relies on the TRIGGER_RULES resource check, which runs after the body-shape check: a key without the scope sending a bad body gets 400 instead of 403.',
  replaces: 'scopeGuard',
  clauses: ['C-PERM-3'],
  part: (key, op) => op === 'triggerRule' || scopeGuard(key, op),
});
