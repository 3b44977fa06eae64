/**
 * Several entries of one scope are not a union (C-PERM-1): the key compiler overwrites the
 * scope's ID list with each entry instead of merging, so only the last entry of a scope counts.
 * The fault lives where keys are compiled, the `store` part.
 */
import type { KeySpec } from '../keys.ts';
import { Store } from '../store.ts';
import type { ApiKey, PermissionEntry } from '../types.ts';
import { defineMutant } from './define.ts';

class LastEntryWinsStore extends Store {
  override addKey(spec: KeySpec): ApiKey {
    const last = new Map<string, PermissionEntry>();
    for (const p of spec.permissions) last.set(p.scope, p);
    const permissions = spec.permissions.filter((p) => p.scope === 'MANUAL_TRANSFER' || last.get(p.scope) === p);
    return super.addKey({ ...spec, permissions });
  }
}

export default defineMutant({
  id: 'perm-union-last-entry-wins',
  description:
    'Two entries with the same ID scope are not merged: the later entry replaces the earlier one, so IDs of the first entry get 403.',
  replaces: 'store',
  clauses: ['C-PERM-1'],
  part: (data, keys, config, newId) => new LastEntryWinsStore(data, keys, config, newId),
});
