import { describe, expect, it } from 'vitest';
import { getContract } from '../openapi/load.ts';
import { coverage, planKeys } from './key-plan.ts';
import type { ResourceRef } from './case-types.ts';
import { buildMatrix, canonicalJson, contentId, requestIdVariants } from './matrix.ts';
import { expectOutcome } from './oracle.ts';
import { syntheticInventory } from './test-inventory.ts';

const contract = await getContract();
const inv = syntheticInventory();
const keys = planKeys(inv).map((k) => (k.id.startsWith('full-') ? { ...k, id: `full-${k.org}` } : k));
const build = (mutations: 'all' | 'denied-only' | 'none' = 'all', i = inv) =>
  buildMatrix(contract, i, keys, { seed: 7, mutations });

describe('matrix', () => {
  const m = build();

  it('gives every cell an expectation with a status, a clause and a because', () => {
    expect(m.cases.length).toBeGreaterThan(500);
    for (const c of m.cases) {
      expect(c.expect.status).toBeGreaterThanOrEqual(200);
      expect(c.expect.clause).toMatch(/^C-[A-Z]+-\d+[a-z]?$/);
      expect(c.expect.because.length).toBeGreaterThan(5);
    }
  });

  it('covers every operation, group and credential kind', () => {
    expect(new Set(m.cases.map((c) => c.operationId)).size).toBe(13);
    expect(new Set(m.cases.map((c) => c.group))).toEqual(
      new Set(['authn', 'permissions', 'org', 'validation', 'request_id', 'lists']),
    );
    expect(new Set(m.cases.map((c) => c.credential))).toEqual(
      new Set(['key', 'lowercase', 'none', 'empty', 'bearer', 'basic', 'unknown', 'suffixed', 'truncated']),
    );
  });

  it('reaches every status the contract defines', () => {
    const statuses = new Set(m.cases.map((c) => c.expect.status));
    for (const s of [200, 201, 202, 400, 401, 403, 404, 409]) expect(statuses).toContain(s);
  });

  it('is deterministic: ids are content hashes, unique, and stable across builds', () => {
    const again = build();
    expect(again.cases.map((c) => c.id)).toEqual(m.cases.map((c) => c.id));
    expect(new Set(m.cases.map((c) => c.id)).size).toBe(m.cases.length);
    expect(JSON.parse(JSON.stringify(m.cases))).toEqual(m.cases);
    expect(contentId('c', { b: 1, a: 2 })).toBe(contentId('c', { a: 2, b: 1 }));
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it('probes max_amount at, above and below the boundary', () => {
    const amounts = m.cases
      .filter((c) => c.operationId === 'createTransfer' && c.keyId === 'one-main' && c.variant === 'plain')
      .map((c) => [(c.request.body as { amount_in_cents: number }).amount_in_cents, c.expect.status]);
    expect(amounts).toContainEqual([5000, 201]);
    expect(amounts).toContainEqual([5001, 403]);
    expect(amounts).toContainEqual([4999, 201]);
  });

  it('marks exactly the X-Request-ID values outside C-REQID-1 as invalid', () => {
    expect(
      requestIdVariants(7)
        .filter((v) => v.invalid)
        .map((v) => v.name),
    ).toEqual(['empty', 'too_long_129', 'inner_space', 'tab']);
  });

  it('respects the mutations policy', () => {
    const denied = build('denied-only');
    const none = build('none');
    expect(denied.cases.filter((c) => c.write && c.expect.status < 300)).toEqual([]);
    expect(denied.cases.some((c) => c.write)).toBe(true);
    expect(none.cases.filter((c) => c.write)).toEqual([]);
    expect(denied.notGenerated.join(' ')).toMatch(/mutations is denied-only/);
  });

  it('under denied-only, no write is sent that its key could carry out if the server were lenient about the scheme, the secret or the body', () => {
    const denied = build('denied-only');
    const byId = new Map(keys.map((k) => [k.id, k]));
    const writes = denied.cases.filter((c) => c.write);
    expect(writes.length).toBeGreaterThan(30);
    const rules = inv.orgs.flatMap((o) => o.rules);
    // A rule as the oracle sees it, its status included: a disabled rule's 409 (C-STATE-3) is a refusal the contract tests, like a 403.
    const ruleRef = (id: string): ResourceRef => {
      const r = rules.find((x) => x.id === id);
      return {
        kind: 'id',
        ref: {
          id,
          org: inv.owners[id] ?? null,
          ...(r ? { status: r.status as 'enabled' | 'disabled', trigger_type: r.trigger_type as 'MANUAL' } : {}),
        },
      };
    };
    let checked = 0;
    for (const c of writes) {
      const key = c.keyId ? byId.get(c.keyId) : undefined;
      if (!key || key.revoked) continue;
      const op = contract.byId.get(c.operationId)!;
      const body = (c.request.body ?? {}) as Record<string, unknown>;
      const ref: ResourceRef =
        c.operationId === 'createTransfer'
          ? {
              kind: 'pair',
              source: { id: String(body.source_account_id), org: inv.owners[String(body.source_account_id)] ?? null },
              target: {
                id: String(body.destination_account_id),
                org: inv.owners[String(body.destination_account_id)] ?? null,
              },
              amount: typeof body.amount_in_cents === 'number' ? body.amount_in_cents : 1,
            }
          : ruleRef(decodeURIComponent(c.request.path.split('/')[2]!));
      // The same request, sent plainly by the key whose secret it carries: the contract must refuse it.
      expect(
        expectOutcome(op, key, ref, { credential: 'key' }).status,
        `${c.variant} ${c.resource}`,
      ).toBeGreaterThanOrEqual(300);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("a key's verdicts on its own organization do not depend on the other organization's data", () => {
    const other = build('all', syntheticInventory(3, 'Z', 5));
    const own = (xs: typeof m.cases) =>
      new Map(
        xs
          .filter((c) => c.keyId?.endsWith('main') && !c.resource.includes('(org') && c.group !== 'lists')
          .map((c) => [c.id, c.expect]),
      );
    const a = own(m.cases);
    const b = own(other.cases);
    let compared = 0;
    for (const [id, e] of a)
      if (b.has(id)) {
        expect(b.get(id)).toEqual(e);
        compared++;
      }
    expect(compared).toBeGreaterThan(200);
  });
});

describe('key plan', () => {
  it('covers every class of cell for an inventory of two organizations', () => {
    const rows = coverage(planKeys(inv), inv);
    expect(rows.filter((r) => !r.covered)).toEqual([]);
  });
  it('says what a thin profile cannot reach', () => {
    const rows = coverage([planKeys(inv)[0]!], inv);
    const missing = rows.filter((r) => !r.covered).map((r) => r.id);
    expect(missing).toContain('auth:revoked');
    expect(missing).toContain('READ_CARDS:absent');
    expect(missing).toContain('MANUAL_TRANSFER:max_amount');
  });
});
