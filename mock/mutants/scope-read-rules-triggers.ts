/** READ_RULES is accepted in place of TRIGGER_RULES for triggerRule (C-PERM-3). */
import { scopeGuard } from '../parts/scope-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'scope-read-rules-triggers',
  description: 'triggerRule accepts a key holding READ_RULES (a read scope) even without TRIGGER_RULES.',
  replaces: 'scopeGuard',
  clauses: ['C-PERM-3'],
  part: (key, op) => scopeGuard(key, op) || (op === 'triggerRule' && key.scopes.has('READ_RULES')),
});
