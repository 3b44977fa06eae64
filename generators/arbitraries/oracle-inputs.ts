/**
 * fast-check arbitraries of the oracle's inputs over a small universe of IDs in two
 * organizations, so that properties meet collisions, wildcards and foreign IDs often.
 */
import fc from 'fast-check';
import type { Operation, Scope } from '../../openapi/types.ts';
import type { CredentialKind, KeyView, ResourceRef, Variant } from '../case-types.ts';
import type { PermissionEntry } from '../profile.ts';

/** Accounts and rules of org `a` (the key's) and `b` (another). */
export const UNIVERSE = {
  accounts: { a: ['acc_A1', 'acc_A2', 'acc_A3'], b: ['acc_B1'] },
  rules: { a: ['rule_A1', 'rule_A2'], b: ['rule_B1'] },
} as const;

const SCOPES: Scope[] = [
  'LIST_ACCOUNTS',
  'READ_ACCOUNTS',
  'LIST_RULES',
  'READ_RULES',
  'TRIGGER_RULES',
  'READ_RULE_EXECUTIONS',
  'READ_TRANSFERS',
  'MANUAL_TRANSFER',
  'READ_CARDS',
];
const RULE_SCOPES = new Set(['READ_RULES', 'TRIGGER_RULES', 'READ_RULE_EXECUTIONS']);
const allAccounts = [...UNIVERSE.accounts.a, ...UNIVERSE.accounts.b, 'acc_MISSING'];
const allRules = [...UNIVERSE.rules.a, ...UNIVERSE.rules.b, 'rule_MISSING'];

/** One permission entry. */
export const permissionEntry: fc.Arbitrary<PermissionEntry> = fc
  .constantFrom(...SCOPES)
  .chain((scope): fc.Arbitrary<PermissionEntry> => {
    if (scope.startsWith('LIST_')) return fc.constant({ scope });
    if (scope === 'MANUAL_TRANSFER')
      return fc
        .array(
          fc.record(
            {
              source: fc.constantFrom('*', ...allAccounts),
              target: fc.constantFrom('*', ...allAccounts),
              max_amount: fc.integer({ min: 0, max: 10_000 }),
            },
            { requiredKeys: ['source', 'target'] },
          ),
          { minLength: 1, maxLength: 3 },
        )
        .map((resources) => ({ scope, resources }));
    const ids = RULE_SCOPES.has(scope) ? allRules : allAccounts;
    return fc
      .array(fc.constantFrom('*', ...ids), { minLength: 1, maxLength: 3 })
      .map((resources) => ({ scope, resources }));
  });

/** A key of organization `a`. */
export const keyView: fc.Arbitrary<KeyView> = fc
  .record({
    revoked: fc.constantFrom(false, false, false, true),
    permissions: fc.array(permissionEntry, { maxLength: 8 }),
  })
  .map(({ revoked, permissions }) => ({ id: 'k', org: 'a', revoked, permissions }));

function orgOf(id: string): string | null {
  if (id.includes('_A')) return 'a';
  if (id.includes('_B')) return 'b';
  return null;
}

/** A resource reference fit for `op`'s addressing. */
export function resourceFor(op: Operation): fc.Arbitrary<ResourceRef> {
  const perm = op.permission;
  if (perm.addressing === 'none') return fc.constant({ kind: 'none' });
  if (perm.resource === 'account_pair')
    return fc
      .record({
        s: fc.constantFrom(...allAccounts),
        t: fc.constantFrom(...allAccounts),
        amount: fc.integer({ min: 1, max: 12_000 }),
      })
      .map(({ s, t, amount }) => ({
        kind: 'pair',
        source: { id: s, org: orgOf(s) },
        target: { id: t, org: orgOf(t) },
        amount,
      }));
  const ids = perm.resource === 'rule' ? allRules : allAccounts;
  if (perm.addressing === 'request')
    return fc
      .record({
        id: fc.constantFrom(...ids),
        status: fc.constantFrom('enabled' as const, 'disabled' as const),
        trigger_type: fc.constantFrom('MANUAL' as const, 'SCHEDULED' as const, 'ON_FUNDS_TRANSFERRED' as const),
      })
      .map(({ id, status, trigger_type }) => ({ kind: 'id', ref: { id, org: orgOf(id), status, trigger_type } }));
  return fc
    .record({
      org: fc.constantFrom('a', 'b', null),
      links: fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 2 }),
    })
    .map(({ org, links }) => ({ kind: 'object', id: 'obj_1', org, links }));
}

/** A variant: credential, an optional defect, an optional manual amount. */
export const variant: fc.Arbitrary<Variant> = fc
  .record({
    credential: fc.constantFrom<CredentialKind>('key', 'key', 'key', 'none', 'empty', 'bearer', 'basic', 'unknown'),
    defect: fc.option(fc.constant({ name: 'missing_thing', clause: 'C-VAL-1' }), { nil: undefined }),
    manualAmount: fc.boolean(),
  })
  .map((v) => (v.defect ? v : { credential: v.credential, manualAmount: v.manualAmount }));
