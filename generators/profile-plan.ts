/**
 * The profile `plan-keys --profile` prints: the given profile (its base_url, policy and keys, each
 * secret as an environment reference) plus the planned keys that reach what its keys do not,
 * including a key of a second organization when the profile has none.
 */
import { classesOf, coverageClasses, planKeys } from './key-plan.ts';
import type { Inventory } from './inventory.ts';
import { envName, type KeySpec, type MutationPolicy, type PermissionEntry, type Profile } from './profile.ts';

/** A key as the printed profile holds it: a secret reference, never a secret. */
export interface ProfileKeyOut {
  id: string;
  secret_env: string;
  org: string;
  revoked?: true;
  permissions: PermissionEntry[];
}

/** The profile `plan-keys` prints. */
export interface PlannedProfile {
  base_url: string;
  mutations: MutationPolicy;
  keys: ProfileKeyOut[];
}

/** The org label of the planned second organization, unless the profile already uses it. */
export const SECOND_ORG = 'other';

function out(k: KeySpec, secretEnv: string): ProfileKeyOut {
  return {
    id: k.id,
    secret_env: secretEnv,
    org: k.org,
    ...(k.revoked ? { revoked: true as const } : {}),
    permissions: k.permissions,
  };
}

/** The classes a key set reaches (a second organization among its keys reaches `org:other`). */
function reachedBy(keys: KeySpec[]): Set<string> {
  const orgs = new Set(keys.map((k) => k.org)).size;
  return new Set(keys.flatMap((k) => classesOf(k, orgs)));
}

function freeId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  return candidate;
}

/**
 * The planned keys worth adding to `existing`: each planned key that reaches a class no key so far
 * reaches, in plan order, renamed when its id is taken; and, when the keys span one organization, a
 * key that sees everything in a second one (the C-ORG cells need it).
 */
export function keysToAdd(existing: KeySpec[], inventory: Pick<Inventory, 'orgs'>): KeySpec[] {
  const orgs = new Set(existing.map((k) => k.org));
  // Narrow keys first: a full key adds little a profile lacks besides discovery, which it has.
  const planned = planKeys(inventory);
  const isFull = (k: KeySpec) => k.id.startsWith('full-') && !k.revoked;
  const candidates = [...planned.filter((k) => !isFull(k)), ...planned.filter(isFull)];
  if (orgs.size < 2) {
    const full = planned.find(isFull);
    let org = SECOND_ORG;
    for (let n = 2; orgs.has(org); n++) org = `${SECOND_ORG}-${n}`;
    if (full) candidates.push({ ...full, id: `full-${org}`, org });
  }
  const taken = new Set(existing.map((k) => k.id));
  const added: KeySpec[] = [];
  for (const k of candidates) {
    const now = [...existing, ...added];
    const before = reachedBy(now);
    if (![...reachedBy([...now, k])].some((c) => !before.has(c))) continue;
    const id = freeId(k.id, taken);
    taken.add(id);
    added.push({ ...k, id });
  }
  return added;
}

/**
 * The profile to print. `secretEnv` holds the environment variable each given key names
 * (`secret_env`); a key given with an inline secret gets `KEY_<ID>` instead, so no secret is printed.
 */
export function plannedProfile(
  profile: Profile,
  secretEnv: Readonly<Record<string, string>>,
  inventory: Pick<Inventory, 'orgs'>,
): { profile: PlannedProfile; added: KeySpec[]; unreached: string[] } {
  const added = keysToAdd(profile.keys, inventory);
  const reached = reachedBy([...profile.keys, ...added]);
  return {
    profile: {
      base_url: profile.base_url,
      mutations: profile.mutations ?? 'denied-only',
      keys: [
        ...profile.keys.map((k) => out(k, secretEnv[k.id] ?? envName(k.id))),
        ...added.map((k) => out(k, envName(k.id))),
      ],
    },
    added,
    unreached: coverageClasses()
      .map((c) => c.id)
      .filter((c) => !reached.has(c)),
  };
}
