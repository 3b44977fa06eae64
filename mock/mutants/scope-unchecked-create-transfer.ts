/** createTransfer skips the up-front scope check; the pair check (after validation) refuses instead (C-PERM-3). */
import { scopeGuard } from '../parts/scope-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'scope-unchecked-create-transfer',
  description:
    'createTransfer relies on the MANUAL_TRANSFER pair check, which runs after body validation: a key without the scope sending a malformed body gets 400 instead of 403.',
  replaces: 'scopeGuard',
  clauses: ['C-PERM-3'],
  part: (key, op) => op === 'createTransfer' || scopeGuard(key, op),
});
