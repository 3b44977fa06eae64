/** getCard skips the scope check: a key without READ_CARDS reaches lookup and validation (C-PERM-3). */
import { scopeGuard } from '../parts/scope-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'scope-unchecked-get-card',
  description:
    'The scope check is missing on getCard: a key without READ_CARDS gets 404 for unknown cards instead of 403.',
  replaces: 'scopeGuard',
  clauses: ['C-PERM-3'],
  part: (key, op) => op === 'getCard' || scopeGuard(key, op),
});
