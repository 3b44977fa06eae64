/** LIST_ACCOUNTS and LIST_RULES are one "list" permission: either allows both list operations (C-PERM-3). */
import { scopeGuard } from '../parts/scope-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'scope-list-scopes-interchangeable',
  description:
    'listAccounts and listRules accept a key holding either LIST_ACCOUNTS or LIST_RULES, so a key with only LIST_ACCOUNTS lists rules (200 instead of 403).',
  replaces: 'scopeGuard',
  clauses: ['C-PERM-3'],
  part: (key, op) =>
    op === 'listAccounts' || op === 'listRules'
      ? key.scopes.has('LIST_ACCOUNTS') || key.scopes.has('LIST_RULES')
      : scopeGuard(key, op),
});
