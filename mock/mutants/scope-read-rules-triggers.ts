/**
 * READ_RULES lets a key trigger rules (C-PERM-3): the key compiler treats READ_RULES as implying
 * TRIGGER_RULES on the same IDs. Replacing only `scopeGuard` cannot express "lets you trigger":
 * the rules router would still check the TRIGGER_RULES list and answer 403, so the fault lives
 * in the `store` part, where keys are compiled.
 */
import type { KeySpec } from '../keys.ts';
import { Store } from '../store.ts';
import type { ApiKey } from '../types.ts';
import { defineMutant } from './define.ts';

class ReadImpliesTriggerStore extends Store {
  override addKey(spec: KeySpec): ApiKey {
    const implied = spec.permissions
      .filter((p) => p.scope === 'READ_RULES')
      .map((p) => ({ ...p, scope: 'TRIGGER_RULES' as const }));
    return super.addKey({ ...spec, permissions: [...spec.permissions, ...implied] });
  }
}

export default defineMutant({
  id: 'scope-read-rules-triggers',
  description:
    'A read scope is accepted for triggerRule: a key holding READ_RULES (and no TRIGGER_RULES) triggers the rules it may read (202 instead of 403).',
  replaces: 'store',
  clauses: ['C-PERM-3'],
  part: (data, keys, config, newId) => new ReadImpliesTriggerStore(data, keys, config, newId),
});
