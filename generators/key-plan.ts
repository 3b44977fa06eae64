/**
 * The key plan: the smallest set of permission lists that reaches every class of cell, and
 * the coverage of a given profile's keys over those classes.
 */
import type { Scope } from '../openapi/types.ts';
import type { Inventory, Item } from './inventory.ts';
import type { KeySpec, PermissionEntry, TransferPair } from './profile.ts';

const ID_SCOPES: Array<{ scope: Scope; kind: 'account' | 'rule' }> = [
  { scope: 'READ_ACCOUNTS', kind: 'account' },
  { scope: 'READ_RULES', kind: 'rule' },
  { scope: 'TRIGGER_RULES', kind: 'rule' },
  { scope: 'READ_RULE_EXECUTIONS', kind: 'rule' },
  { scope: 'READ_TRANSFERS', kind: 'account' },
  { scope: 'READ_CARDS', kind: 'account' },
];
const LIST_SCOPES: Scope[] = ['LIST_ACCOUNTS', 'LIST_RULES'];

/** The max_amount the plan puts on bounded MANUAL_TRANSFER entries. */
export const PLAN_MAX_AMOUNT = 5000;

/** A class of cells that a key set may or may not reach. */
export interface CoverageClass {
  id: string;
  description: string;
}

/** Which keys reach a class, or why none does. */
export interface CoverageRow extends CoverageClass {
  keys: string[];
  covered: boolean;
}

/** Every class of cell the contract defines for keys (C-PERM, C-ORG, C-AUTH). */
export function coverageClasses(): CoverageClass[] {
  const out: CoverageClass[] = [
    { id: 'auth:revoked', description: 'a revoked key (C-AUTH-1)' },
    { id: 'auth:lowercase_scheme', description: 'a working key sent with a lower-case scheme (C-AUTH-2)' },
    { id: 'org:other', description: 'a second organization with a key that sees everything (C-ORG-1, C-ORG-2)' },
  ];
  for (const s of LIST_SCOPES)
    out.push(
      { id: `${s}:absent`, description: `a key without ${s} (C-PERM-3)` },
      { id: `${s}:granted`, description: `a key with ${s} (C-PERM-2b)` },
    );
  for (const { scope } of ID_SCOPES)
    out.push(
      { id: `${scope}:absent`, description: `a key without ${scope} (C-PERM-3)` },
      { id: `${scope}:one`, description: `${scope} on listed IDs, not "*" (C-PERM-4/5)` },
      { id: `${scope}:star`, description: `${scope} on "*" (C-PERM-2)` },
      { id: `${scope}:union`, description: `two ${scope} entries, whose union decides (C-PERM-1)` },
    );
  out.push(
    { id: 'MANUAL_TRANSFER:absent', description: 'a key without MANUAL_TRANSFER (C-PERM-3)' },
    { id: 'MANUAL_TRANSFER:pair', description: 'an exact source/target pair (C-PERM-6)' },
    { id: 'MANUAL_TRANSFER:max_amount', description: 'an entry with max_amount, tested at and around it (C-PERM-6)' },
    { id: 'MANUAL_TRANSFER:no_max', description: 'an entry without max_amount (C-PERM-6)' },
    { id: 'MANUAL_TRANSFER:star_source', description: 'an entry with source "*" (C-PERM-6)' },
    { id: 'MANUAL_TRANSFER:star_target', description: 'an entry with target "*" (C-PERM-6)' },
    { id: 'MANUAL_TRANSFER:union', description: 'two MANUAL_TRANSFER entries (C-PERM-1, C-PERM-6)' },
  );
  return out;
}

/** The classes one key reaches. */
export function classesOf(key: KeySpec, orgsWithDiscovery: number): string[] {
  if (key.revoked) return ['auth:revoked'];
  const out: string[] = [];
  const entries = (s: string) => key.permissions.filter((p) => p.scope === s);
  for (const s of LIST_SCOPES) out.push(`${s}:${entries(s).length ? 'granted' : 'absent'}`);
  for (const { scope } of ID_SCOPES) {
    const es = entries(scope);
    if (es.length === 0) out.push(`${scope}:absent`);
    const ids = es.flatMap((e) => (e.resources ?? []) as string[]);
    if (ids.includes('*')) out.push(`${scope}:star`);
    if (ids.some((i) => i !== '*')) out.push(`${scope}:one`);
    if (es.length >= 2) out.push(`${scope}:union`);
  }
  const mt = entries('MANUAL_TRANSFER');
  const pairs = mt.flatMap((e) => (e.resources ?? []) as TransferPair[]);
  if (mt.length === 0) out.push('MANUAL_TRANSFER:absent');
  if (pairs.some((p) => p.source !== '*' && p.target !== '*')) out.push('MANUAL_TRANSFER:pair');
  if (pairs.some((p) => p.max_amount !== undefined)) out.push('MANUAL_TRANSFER:max_amount');
  if (pairs.some((p) => p.max_amount === undefined)) out.push('MANUAL_TRANSFER:no_max');
  if (pairs.some((p) => p.source === '*')) out.push('MANUAL_TRANSFER:star_source');
  if (pairs.some((p) => p.target === '*')) out.push('MANUAL_TRANSFER:star_target');
  if (mt.length >= 2 || pairs.length >= 2) out.push('MANUAL_TRANSFER:union');
  if (entries('READ_ACCOUNTS').length || entries('LIST_ACCOUNTS').length) out.push('auth:lowercase_scheme');
  if (orgsWithDiscovery >= 2) out.push('org:other');
  return out;
}

/** Coverage of `keys` over every class: which keys reach it. */
export function coverage(keys: KeySpec[], inventory: Pick<Inventory, 'orgs'>): CoverageRow[] {
  const reached = new Map<string, string[]>();
  for (const k of keys)
    for (const c of classesOf(k, inventory.orgs.length)) reached.set(c, [...(reached.get(c) ?? []), k.id]);
  return coverageClasses().map((c) => {
    const ks = reached.get(c.id) ?? [];
    return { ...c, keys: ks, covered: ks.length > 0 };
  });
}

function pick(items: Item[], n: number, ok: (i: Item) => boolean = () => true): string[] {
  return items
    .filter(ok)
    .slice(0, n)
    .map((i) => i.id);
}

/**
 * The smallest key set that covers every class for `inventory`: per organization a key that sees
 * everything, and in the first organization a key with nothing, one with single IDs, one with
 * unions and `*` pairs, and a revoked one.
 */
export function planKeys(inventory: Pick<Inventory, 'orgs'>): KeySpec[] {
  const plan: KeySpec[] = [];
  const full = (): PermissionEntry[] => [
    ...LIST_SCOPES.map((scope) => ({ scope })),
    ...ID_SCOPES.map(({ scope }) => ({ scope, resources: ['*'] })),
    { scope: 'MANUAL_TRANSFER', resources: [{ source: '*', target: '*' }] },
  ];
  for (const o of inventory.orgs) plan.push({ id: `full-${o.org}`, org: o.org, revoked: false, permissions: full() });
  const main = inventory.orgs[0];
  if (!main) return plan;
  const sources = pick(main.accounts, 3, (a) => a.can_be_source === true && a.can_be_destination === true);
  const accounts = sources.length >= 3 ? sources : pick(main.accounts, 3);
  const rules = pick(main.rules, 2);
  const [a1 = 'acc_none', a2 = a1, a3 = a2] = accounts;
  const [r1 = 'rule_none', r2 = r1] = rules;
  const foreignAccount = inventory.orgs[1]?.accounts[0]?.id;
  plan.push({ id: `none-${main.org}`, org: main.org, revoked: false, permissions: [] });
  plan.push({
    id: `one-${main.org}`,
    org: main.org,
    revoked: false,
    // Each scope on a different ID, one LIST scope without the other, and no TRIGGER_RULES beside
    // READ_RULES: a server that reads one scope's list for another cannot pass.
    permissions: [
      { scope: 'LIST_ACCOUNTS' },
      { scope: 'READ_ACCOUNTS', resources: [a1] },
      { scope: 'READ_TRANSFERS', resources: [a2] },
      { scope: 'READ_CARDS', resources: [a3] },
      { scope: 'READ_RULES', resources: [r1] },
      { scope: 'READ_RULE_EXECUTIONS', resources: [r2] },
      { scope: 'MANUAL_TRANSFER', resources: [{ source: a1, target: a2, max_amount: PLAN_MAX_AMOUNT }] },
    ],
  });
  plan.push({
    id: `union-${main.org}`,
    org: main.org,
    revoked: false,
    permissions: [
      ...LIST_SCOPES.map((scope) => ({ scope })),
      ...ID_SCOPES.flatMap(({ scope, kind }) => [
        { scope, resources: [kind === 'account' ? a2 : r2] },
        // An ID of another organization in the list: covered, so 404, never its data (C-ORG-1).
        {
          scope,
          resources: kind === 'account' && foreignAccount ? [a3, foreignAccount] : [kind === 'account' ? a3 : r1],
        },
      ]),
      { scope: 'MANUAL_TRANSFER', resources: [{ source: a2, target: '*', max_amount: PLAN_MAX_AMOUNT / 2 }] },
      // max_amount 0 allows nothing: zero is a limit, not "no limit".
      {
        scope: 'MANUAL_TRANSFER',
        resources: [
          { source: '*', target: a1 },
          { source: a3, target: a2, max_amount: 0 },
        ],
      },
    ],
  });
  plan.push({ id: `revoked-${main.org}`, org: main.org, revoked: true, permissions: full() });
  return plan;
}
