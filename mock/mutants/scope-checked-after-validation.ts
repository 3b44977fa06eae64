/** The paged lists leave the scope check to the resource check, which runs after validation (C-PERM-3). */
import { scopeGuard } from '../parts/scope-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'scope-checked-after-validation',
  description:
    'listTransfers, listCards and listRuleExecutions skip the up-front scope check (the resource check refuses keys without the scope anyway), so a key without the scope sending a malformed request gets 400 instead of 403.',
  replaces: 'scopeGuard',
  clauses: ['C-PERM-3'],
  part: (key, op) => op === 'listTransfers' || op === 'listCards' || op === 'listRuleExecutions' || scopeGuard(key, op),
});
