/**
 * API keys: the default key set (deterministic secrets from the seed), compiling permission
 * entries for O(1) checks, and validating permission lists given to the admin API. This is
 * the mock's own small permission model; it shares no code with the suite.
 */
import { createRng } from './prng.ts';
import type { SeedData } from './seed.ts';
import { SCOPES, type ApiKey, type CompiledIds, type PermissionEntry, type Scope, type TransferPair } from './types.ts';

/** A key as provisioned: profile fields with its secret. */
export interface KeySpec {
  id: string;
  secret: string;
  org: string;
  revoked?: boolean;
  permissions: PermissionEntry[];
}

const LIST_SCOPES = new Set<Scope>(['LIST_ACCOUNTS', 'LIST_RULES']);

/** Compiles a key spec: ID lists per scope become one union set (C-PERM-1), pairs are gathered. */
export function compileKey(spec: KeySpec): ApiKey {
  const scopes = new Map<Scope, CompiledIds>();
  const pairs: TransferPair[] = [];
  for (const entry of spec.permissions) {
    const prev = scopes.get(entry.scope);
    const ids = new Set<string>(prev?.ids ?? []);
    let star = prev?.star ?? false;
    if (entry.scope === 'MANUAL_TRANSFER') {
      for (const p of (entry.resources ?? []) as TransferPair[]) pairs.push({ ...p });
    } else if (!LIST_SCOPES.has(entry.scope)) {
      for (const r of (entry.resources ?? []) as string[]) {
        if (r === '*') star = true;
        else ids.add(r);
      }
    }
    scopes.set(entry.scope, { star, ids });
  }
  return {
    id: spec.id,
    secret: spec.secret,
    org: spec.org,
    revoked: spec.revoked ?? false,
    permissions: spec.permissions.map((p) => ({ ...p })),
    scopes,
    pairs,
  };
}

/**
 * Checks a permission list in the profile format. Returns a message naming the first defect,
 * or undefined when the list is valid.
 */
export function permissionsProblem(raw: unknown): string | undefined {
  if (!Array.isArray(raw)) return 'permissions must be a list';
  for (const [i, e] of raw.entries()) {
    const at = `permissions[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return `${at} must be an object`;
    const { scope, resources } = e as { scope?: unknown; resources?: unknown };
    if (typeof scope !== 'string' || !SCOPES.includes(scope as Scope))
      return `${at}.scope must be one of ${SCOPES.join(', ')}`;
    if (LIST_SCOPES.has(scope as Scope)) {
      if (resources !== undefined && !(Array.isArray(resources) && resources.length === 0))
        return `${at}: ${scope} takes no resources`;
      continue;
    }
    if (!Array.isArray(resources)) return `${at}.resources must be a list`;
    if (scope === 'MANUAL_TRANSFER') {
      for (const [j, p] of resources.entries()) {
        if (typeof p !== 'object' || p === null) return `${at}.resources[${j}] must be {source, target, max_amount?}`;
        const { source, target, max_amount } = p as Record<string, unknown>;
        if (typeof source !== 'string' || source === '' || typeof target !== 'string' || target === '')
          return `${at}.resources[${j}] needs string source and target`;
        if (
          max_amount !== undefined &&
          max_amount !== null &&
          !(Number.isSafeInteger(max_amount) && (max_amount as number) >= 0)
        )
          return `${at}.resources[${j}].max_amount must be a non-negative integer`;
      }
    } else {
      for (const [j, r] of resources.entries())
        if (typeof r !== 'string' || r === '') return `${at}.resources[${j}] must be an ID or "*"`;
    }
  }
  return undefined;
}

/** Deterministic secret stream for the default keys. */
export function secretSource(seed: number): () => string {
  const rng = createRng((seed * 2654435761) ^ 0x5eed);
  const alphabet = 'abcdefghijkmnopqrstuvwxyz23456789';
  return () => {
    let s = 'sk_mock_';
    for (let i = 0; i < 32; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
    return s;
  };
}

const READ_SCOPES: Scope[] = [
  'READ_ACCOUNTS',
  'READ_RULES',
  'TRIGGER_RULES',
  'READ_RULE_EXECUTIONS',
  'READ_TRANSFERS',
  'READ_CARDS',
];

/** Every permission: LIST_*, `*` on every ID scope and a `*`→`*` transfer pair. */
export function fullAccess(): PermissionEntry[] {
  return [
    { scope: 'LIST_ACCOUNTS' },
    { scope: 'LIST_RULES' },
    ...READ_SCOPES.map((scope): PermissionEntry => ({ scope, resources: ['*'] })),
    { scope: 'MANUAL_TRANSFER', resources: [{ source: '*', target: '*' }] },
  ];
}

/**
 * The default keys. Per organization: a full-access key, a key without permissions and a
 * revoked full key; `main` also gets narrow keys (one account, one rule, a transfer pair with
 * `max_amount`, a union of pairs, list-only), `other` one narrow key.
 */
export function defaultKeys(data: SeedData, seed: number): KeySpec[] {
  const secret = secretSource(seed);
  const keys: KeySpec[] = [];
  for (const org of data.orgs) {
    const n = org.named;
    const p = org.label;
    keys.push({ id: `${p}-full`, secret: secret(), org: p, permissions: fullAccess() });
    if (p === 'main') {
      keys.push(
        {
          id: 'main-list-only',
          secret: secret(),
          org: p,
          permissions: [{ scope: 'LIST_ACCOUNTS' }, { scope: 'LIST_RULES' }],
        },
        {
          id: 'main-account-one',
          secret: secret(),
          org: p,
          permissions: [{ scope: 'READ_ACCOUNTS', resources: [n.income] }],
        },
        {
          id: 'main-rule-one',
          secret: secret(),
          org: p,
          permissions: [
            { scope: 'READ_RULES', resources: [n.busyRule] },
            { scope: 'READ_RULE_EXECUTIONS', resources: [n.busyRule] },
            { scope: 'TRIGGER_RULES', resources: [n.manualRule] },
          ],
        },
        {
          id: 'main-pod-reader',
          secret: secret(),
          org: p,
          permissions: [
            { scope: 'READ_TRANSFERS', resources: [n.pods[0] as string] },
            { scope: 'READ_CARDS', resources: [n.pods[0] as string] },
          ],
        },
        {
          id: 'main-transfer-pair',
          secret: secret(),
          org: p,
          permissions: [
            {
              scope: 'MANUAL_TRANSFER',
              resources: [{ source: n.income, target: n.pods[0] as string, max_amount: 5000 }],
            },
            { scope: 'READ_TRANSFERS', resources: [n.income] },
          ],
        },
        {
          id: 'main-transfer-union',
          secret: secret(),
          org: p,
          permissions: [
            {
              scope: 'MANUAL_TRANSFER',
              resources: [{ source: n.income, target: n.pods[1] as string, max_amount: 1000 }],
            },
            { scope: 'MANUAL_TRANSFER', resources: [{ source: n.income, target: '*', max_amount: 500 }] },
            { scope: 'MANUAL_TRANSFER', resources: [{ source: '*', target: n.pods[2] as string }] },
          ],
        },
      );
    } else {
      keys.push({
        id: `${p}-narrow`,
        secret: secret(),
        org: p,
        permissions: [
          { scope: 'READ_ACCOUNTS', resources: [n.income] },
          { scope: 'READ_CARDS', resources: [n.pods[0] as string] },
        ],
      });
    }
    keys.push({ id: `${p}-no-perms`, secret: secret(), org: p, permissions: [] });
    keys.push({ id: `${p}-revoked`, secret: secret(), org: p, revoked: true, permissions: fullAccess() });
  }
  return keys;
}
