/** The named parts: the list, one-part replacements changing exactly one behaviour, seed determinism, import hygiene. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARTS, PART_NAMES, type MockParts } from './app.ts';
import { canonicalJson } from './parts/idempotency.ts';
import { generateSeed } from './seed.ts';
import { harness, type Harness } from './test-helpers.ts';
import { fail } from './types.ts';

const started: Harness[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.mock.close()));
});

async function withParts(parts: Partial<MockParts>): Promise<Harness> {
  const h = await harness({ parts });
  started.push(h);
  return h;
}

describe('parts', () => {
  it('PART_NAMES lists every default part', () => {
    expect([...PART_NAMES].sort()).toEqual(Object.keys(DEFAULT_PARTS).sort());
    expect(PART_NAMES).toEqual(
      expect.arrayContaining([
        'requestId',
        'auth',
        'scopeGuard',
        'resourceGuard',
        'objectGuard',
        'transferGuard',
        'validators',
        'paginate',
        'filters',
        'idempotency',
        'serialize',
        'errorMapper',
        'routers',
        'store',
      ]),
    );
  });

  it('one replaced part changes one behaviour (sample mutants)', async () => {
    const d = DEFAULT_PARTS;
    const leaky = await withParts({
      errorMapper: (e, rid) => ({
        ...d.errorMapper(e, rid),
        body: { ...d.errorMapper(e, rid).body, ...(e.subject ? { data: e.subject } : {}) },
      }),
    });
    const m = leaky.named('main');
    const card = (await leaky.get('main-full', `/cards?account_id=${m.pods[1]}`)).body.data[0];
    expect((await leaky.get('main-pod-reader', `/cards/${card.id}`)).text).toContain(card.id);

    const offByOne = await withParts({ transferGuard: (ctx, s, t, a) => d.transferGuard(ctx, s, t, a - 1) });
    const body = { source_account_id: m.income, destination_account_id: m.pods[0], amount_in_cents: 5001 };
    expect((await offByOne.post('main-transfer-pair', '/transfers', body)).status).toBe(201);

    const noCardObject = await withParts({
      objectGuard: (ctx, op, o) => (op === 'getCard' ? undefined : d.objectGuard(ctx, op, o)),
    });
    expect((await noCardObject.get('main-pod-reader', `/cards/${card.id}`)).status).toBe(200);
    expect((await noCardObject.get('main-pod-reader', `/cards/${card.id}/transactions`)).status).toBe(403);

    const everything = await withParts({
      validators: {
        ...d.validators,
        listTransfers: (ctx) =>
          ctx.query.values.has('account_id')
            ? d.validators.listTransfers(ctx)
            : {
                ok: true,
                value: {
                  accountId: undefined,
                  role: 'either',
                  direction: undefined,
                  origin: undefined,
                  status: undefined,
                  first: 100,
                  after: undefined,
                  fromMs: undefined,
                  toMs: undefined,
                },
              },
      },
    });
    const all = await everything.get('main-full', '/transfers');
    expect(all.status).toBe(200);
    expect(new Set(all.body.data.flatMap((t: { source: { id: string } }) => [t.source.id])).size).toBeGreaterThan(3);

    const crossing = await withParts({ lookup: { ...d.lookup, account: (store, _org, id) => store.accounts.get(id) } });
    expect((await crossing.get('main-full', `/accounts/${crossing.named('other').income}`)).status).toBe(200);

    const open = await withParts({ ruleGate: () => undefined });
    expect((await open.post('main-full', `/rules/${m.disabledManualRule}/trigger`, {})).status).toBe(202);

    const repeating = await withParts({ requestId: (s) => s ?? 'req_same' });
    const ids = await Promise.all([repeating.get('main-full', '/rules'), repeating.get('main-full', '/rules')]);
    expect(ids[0].headers.get('x-request-id')).toBe(ids[1].headers.get('x-request-id'));

    const crash = await withParts({
      validators: {
        ...d.validators,
        createTransfer: () => {
          throw new TypeError('boom');
        },
      },
    });
    expect((await crash.post('main-full', '/transfers', {})).status).toBe(500);
    expect((await crash.post('main-full', '/transfers', {})).headers.get('content-type')).toBe('application/json');

    const narrowFail = await withParts({
      resourceGuard: (ctx, scope, id) =>
        ctx.store.accounts.has(id) || ctx.store.rules.has(id)
          ? d.resourceGuard(ctx, scope, id)
          : fail('resource_not_found', 'No such resource.'),
    });
    expect((await narrowFail.get('main-account-one', '/accounts/acc_nope')).status).toBe(404);
  });
});

describe('seed', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(JSON.stringify(generateSeed({ seed: 5 }))).toBe(JSON.stringify(generateSeed({ seed: 5 })));
    expect(JSON.stringify(generateSeed({ seed: 5 }))).not.toBe(JSON.stringify(generateSeed({ seed: 6 })));
  });

  it('scale multiplies the counts; IDs are prefixed ULID-like and unique', () => {
    const one = generateSeed({ scale: 1 }).orgs[0];
    const three = generateSeed({ scale: 3 }).orgs[0];
    if (!one || !three) throw new Error('seed');
    expect(three.transfers.length).toBeGreaterThanOrEqual(one.transfers.length * 3 - 5);
    expect(three.executions.length).toBe(one.executions.length * 3);
    expect(three.cardTransactions.length).toBe(one.cardTransactions.length * 3);
    expect(three.accounts.length).toBe((one.accounts.length - 1) * 3 + 1);
    const all = generateSeed({ scale: 2 }).orgs.flatMap((o) =>
      [...o.accounts, ...o.rules, ...o.executions, ...o.transfers, ...o.cards, ...o.cardTransactions].map((x) => x.id),
    );
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(/^(acc|rule|rex|txr|card|ctx)_01H[0-9A-Z]{23}$/);
  });

  it('has the fixtures the suite needs', () => {
    for (const org of generateSeed().orgs) {
      expect(new Set(org.accounts.map((a) => a.type)).size).toBe(3);
      expect(org.accounts.some((a) => a.external_account_type === 'LIABILITY' && !a.can_be_source)).toBe(true);
      const empty = org.named.emptyPod;
      expect(org.transfers.some((t) => t.source_id === empty || t.destination_id === empty)).toBe(false);
      expect(org.cards.some((c) => c.account_id === empty)).toBe(false);
      expect(new Set(org.rules.map((r) => r.trigger_type)).size).toBe(3);
      expect(org.rules.some((r) => r.trigger_type === 'MANUAL' && r.status === 'disabled')).toBe(true);
      expect(org.rules.some((r) => r.trigger_type === 'MANUAL' && r.status === 'enabled')).toBe(true);
      expect(org.executions.filter((e) => e.rule_id === org.named.busyRule).length).toBeGreaterThanOrEqual(25);
      expect(org.cardTransactions.filter((x) => x.card_id === org.named.busyCard).length).toBeGreaterThanOrEqual(25);
    }
  });
});

describe('hygiene', () => {
  it('canonicalJson ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('mock/ imports nothing from generators/ or suites/', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(import.meta.dirname);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toMatch(/from\s+['"][./]*\.\.\/(generators|suites)\//);
  });
});
