import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getContract } from '../openapi/load.ts';
import type { Operation, OperationId } from '../openapi/types.ts';
import { keyView, permissionEntry, resourceFor, variant } from './arbitraries/oracle-inputs.ts';
import type { KeyView, ResourceRef, Variant } from './case-types.ts';
import { expectOutcome } from './oracle.ts';

const contract = await getContract();
const op = (id: OperationId): Operation => contract.byId.get(id)!;
const key = (permissions: KeyView['permissions'], extra: Partial<KeyView> = {}): KeyView => ({
  id: 'k1',
  org: 'main',
  revoked: false,
  permissions,
  ...extra,
});
const plain: Variant = { credential: 'key' };
const idRef = (id: string, org: string | null, extra = {}): ResourceRef => ({ kind: 'id', ref: { id, org, ...extra } });
const obj = (id: string, org: string | null, links: string[]): ResourceRef => ({ kind: 'object', id, org, links });
const pair = (s: string, t: string, amount: number, org: string | null = 'main'): ResourceRef => ({
  kind: 'pair',
  source: { id: s, org },
  target: { id: t, org },
  amount,
});
const defect = { name: 'missing_account_id', clause: 'C-VAL-1' } as const;

const star = key([
  { scope: 'LIST_ACCOUNTS' },
  { scope: 'READ_ACCOUNTS', resources: ['*'] },
  { scope: 'READ_TRANSFERS', resources: ['*'] },
  { scope: 'READ_CARDS', resources: ['*'] },
  { scope: 'TRIGGER_RULES', resources: ['*'] },
  { scope: 'MANUAL_TRANSFER', resources: [{ source: '*', target: '*' }] },
]);
const one = key([
  { scope: 'READ_ACCOUNTS', resources: ['acc_1'] },
  { scope: 'READ_TRANSFERS', resources: ['acc_1'] },
  { scope: 'READ_CARDS', resources: ['acc_1'] },
  { scope: 'READ_CARDS', resources: ['acc_2'] },
  { scope: 'MANUAL_TRANSFER', resources: [{ source: 'acc_1', target: 'acc_2', max_amount: 5000 }] },
  { scope: 'MANUAL_TRANSFER', resources: [{ source: '*', target: 'acc_3' }] },
]);

describe('oracle: one row per contract clause', () => {
  const rows: Array<[string, OperationId, KeyView | null, ResourceRef, Variant, number, string]> = [
    ['C-AUTH-1 no header', 'getAccount', null, idRef('acc_1', 'main'), { credential: 'none' }, 401, 'C-AUTH-1'],
    ['C-AUTH-1 bearer', 'listAccounts', null, { kind: 'none' }, { credential: 'bearer' }, 401, 'C-AUTH-1'],
    [
      'C-AUTH-1 revoked',
      'getAccount',
      key(star.permissions, { revoked: true }),
      idRef('acc_1', 'main'),
      plain,
      401,
      'C-AUTH-1',
    ],
    [
      'C-AUTH-3 401 beats 400',
      'listTransfers',
      null,
      idRef('acc_1', 'main'),
      { credential: 'unknown', defect },
      401,
      'C-AUTH-1',
    ],
    [
      'C-PERM-3 no scope beats 400',
      'listTransfers',
      key([]),
      idRef('acc_1', 'main'),
      { credential: 'key', defect },
      403,
      'C-PERM-3',
    ],
    [
      'C-VAL before resource check',
      'listTransfers',
      one,
      idRef('acc_9', 'main'),
      { credential: 'key', defect },
      400,
      'C-VAL-1',
    ],
    ['C-PERM-4 outside list even if missing', 'getAccount', one, idRef('acc_missing', null), plain, 403, 'C-PERM-4'],
    ['C-FOUND-1 covered but missing', 'getAccount', star, idRef('acc_missing', null), plain, 404, 'C-FOUND-1'],
    ['C-ORG-1 * on other org id', 'listCards', star, idRef('acc_x', 'other'), plain, 404, 'C-ORG-1'],
    ['C-PERM-5 missing object is 404 first', 'getCard', one, obj('card_missing', null, []), plain, 404, 'C-FOUND-1'],
    ['C-PERM-5 linked account outside list', 'getCard', one, obj('card_1', 'main', ['acc_9']), plain, 403, 'C-PERM-5'],
    ['C-ORG-1 object of another org', 'getCard', star, obj('card_9', 'other', ['acc_x']), plain, 404, 'C-ORG-1'],
    [
      'getTransfer: destination suffices',
      'getTransfer',
      one,
      obj('txr_1', 'main', ['acc_9', 'acc_1']),
      plain,
      200,
      'C-PERM-5',
    ],
    [
      'C-PERM-1 union of entries',
      'listCardTransactions',
      one,
      obj('card_2', 'main', ['acc_2']),
      plain,
      200,
      'C-PERM-5',
    ],
    ['C-PERM-1 union, request-addressed', 'listCards', one, idRef('acc_2', 'main'), plain, 200, 'C-PERM-1'],
    [
      'C-FOUND-2 wrong shape outside the list',
      'getAccount',
      one,
      idRef('not-an-id', null, { wrongShape: true }),
      plain,
      403,
      'C-FOUND-2',
    ],
    [
      'C-FOUND-2 wrong shape under *',
      'getAccount',
      star,
      idRef('not-an-id', null, { wrongShape: true }),
      plain,
      404,
      'C-FOUND-2',
    ],
    [
      'C-FOUND-2 wrong-shape object',
      'getCard',
      one,
      { kind: 'object', id: 'x', org: null, links: [], wrongShape: true },
      plain,
      404,
      'C-FOUND-2',
    ],
    [
      'C-ORG-1 an explicitly listed foreign ID',
      'getAccount',
      key([{ scope: 'READ_ACCOUNTS', resources: ['acc_x'] }]),
      idRef('acc_x', 'other'),
      plain,
      404,
      'C-ORG-1',
    ],
    [
      'an accepted edge cites its clause',
      'listTransfers',
      star,
      idRef('acc_1', 'main'),
      { credential: 'key', edge: { name: 'first_100', clause: 'C-VAL-2' } },
      200,
      'C-VAL-2',
    ],
    ['C-PERM-6 equal to max_amount', 'createTransfer', one, pair('acc_1', 'acc_2', 5000), plain, 201, 'C-STATE-1'],
    ['C-PERM-6 max_amount + 1', 'createTransfer', one, pair('acc_1', 'acc_2', 5001), plain, 403, 'C-PERM-6'],
    ['C-PERM-6 reversed pair', 'createTransfer', one, pair('acc_2', 'acc_1', 100), plain, 403, 'C-PERM-6'],
    ['C-PERM-6 * source', 'createTransfer', one, pair('acc_7', 'acc_3', 999_999), plain, 201, 'C-STATE-1'],
    [
      'C-PERM-6 before existence',
      'createTransfer',
      one,
      pair('acc_1', 'acc_missing', 10, null),
      plain,
      403,
      'C-PERM-6',
    ],
    [
      'C-FOUND-1 createTransfer missing accounts',
      'createTransfer',
      star,
      pair('acc_1', 'acc_missing', 10, null),
      plain,
      404,
      'C-FOUND-1',
    ],
    [
      'C-STATE-3 disabled rule',
      'triggerRule',
      star,
      idRef('rule_1', 'main', { status: 'disabled', trigger_type: 'MANUAL' }),
      plain,
      409,
      'C-STATE-3',
    ],
    [
      'C-VAL-4 amount on non-MANUAL before 409',
      'triggerRule',
      star,
      idRef('rule_1', 'main', { status: 'disabled', trigger_type: 'SCHEDULED' }),
      { credential: 'key', manualAmount: true },
      400,
      'C-VAL-4',
    ],
    [
      'C-VAL-4 amount on MANUAL is fine',
      'triggerRule',
      star,
      idRef('rule_1', 'main', { status: 'enabled', trigger_type: 'MANUAL' }),
      { credential: 'key', manualAmount: true },
      202,
      'C-STATE-2',
    ],
    ['C-PERM-2b LIST is not narrowed', 'listAccounts', star, { kind: 'none' }, plain, 200, 'C-PERM-2b'],
  ];
  it.each(rows)('%s', (_name, id, k, r, v, status, clause) => {
    const e = expectOutcome(op(id), k, r, v);
    expect(e.status).toBe(status);
    expect(e.clause).toBe(clause);
    expect(e.because.length).toBeGreaterThan(0);
    expect(e.level).toBe('must');
  });

  it('a lower-case scheme is a SHOULD (C-AUTH-2)', () => {
    const e = expectOutcome(op('listAccounts'), star, { kind: 'none' }, { credential: 'lowercase' });
    expect(e).toMatchObject({ status: 200, level: 'should', clause: 'C-AUTH-2' });
  });
});

describe('oracle: properties', () => {
  const ops = contract.operations;
  const anyCell = fc.constantFrom(...ops).chain((o) => fc.tuple(fc.constant(o), keyView, resourceFor(o), variant));

  it('adding a permission never turns an allow into a deny', () => {
    fc.assert(
      fc.property(anyCell, permissionEntry, ([o, k, r, v], extra) => {
        const before = expectOutcome(o, k, r, v);
        const after = expectOutcome(o, { ...k, permissions: [...k.permissions, extra] }, r, v);
        if (before.status < 300) expect(after.status).toBeLessThan(300);
        if (before.step === 'auth' || before.step === 'validation') expect(after.status).toBe(before.status);
      }),
      { numRuns: 3000 },
    );
  });

  it('an unauthenticated request always gets 401, whatever else is wrong', () => {
    fc.assert(
      fc.property(
        anyCell,
        fc.constantFrom('none', 'empty', 'bearer', 'basic', 'unknown' as const),
        ([o, k, r, v], credential) => {
          expect(expectOutcome(o, k, r, { ...v, credential }).status).toBe(401);
        },
      ),
    );
  });

  it("a key's verdict on its own organization's resources does not depend on the other organization", () => {
    fc.assert(
      fc.property(anyCell, ([o, k, r, v]) => {
        const rename = (s: string) => s.replace('_B', '_Z');
        const k2: KeyView = {
          ...k,
          permissions: k.permissions.map((p) => ({
            ...p,
            resources: p.resources?.map((x) =>
              typeof x === 'string' ? rename(x) : { ...x, source: rename(x.source), target: rename(x.target) },
            ),
          })),
        };
        const own = JSON.stringify(r).includes('_B') || JSON.stringify(r).includes('"b"');
        if (!own) expect(expectOutcome(o, k2, r, v)).toEqual(expectOutcome(o, k, r, v));
      }),
    );
  });

  it('every denial cites a clause the operation cites', () => {
    const cited = (o: Operation) =>
      new Set([
        ...o.permission.clauses,
        ...Object.values(o.responses).flatMap((x) => x.clauses),
        ...(o.effect?.clauses ?? []),
        ...(o.list?.clauses ?? []),
      ]);
    fc.assert(
      fc.property(anyCell, ([o, k, r, v]) => {
        const e = expectOutcome(o, k, r, v);
        if (!v.defect && e.status >= 400) expect([...cited(o)]).toContain(e.clause);
        expect(e.clause).toMatch(/^C-[A-Z]+-\d+[a-z]?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic and pure (same input, same output, input untouched)', () => {
    fc.assert(
      fc.property(anyCell, ([o, k, r, v]) => {
        const snapshot = JSON.stringify([k, r, v]);
        expect(expectOutcome(o, k, r, v)).toEqual(expectOutcome(o, k, r, v));
        expect(JSON.stringify([k, r, v])).toBe(snapshot);
      }),
    );
  });
});
