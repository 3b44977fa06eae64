/** listCards skips the scope check (getCard keeps it): a key without READ_CARDS reaches validation (C-PERM-3). */
import { scopeGuard } from '../parts/scope-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'scope-unchecked-list-cards',
  description:
    'The scope check is wired on getCard but not on listCards: a key without READ_CARDS gets 400 (no account_id), 403 from the ID check, or 404 instead of 403.',
  replaces: 'scopeGuard',
  clauses: ['C-PERM-3'],
  part: (key, op) => op === 'listCards' || scopeGuard(key, op),
});
