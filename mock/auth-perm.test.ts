/** C-AUTH, C-PERM, C-ORG, C-FOUND: who gets 401, 403 or 404, and in which order. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorShape, harness, type Harness, type Res } from './test-helpers.ts';

let h: Harness;
let main: ReturnType<Harness['named']>;
let other: ReturnType<Harness['named']>;

beforeAll(async () => {
  h = await harness({ transferDelayMs: 50, executionDelayMs: 50 });
  main = h.named('main');
  other = h.named('other');
});
afterAll(() => h.mock.close());

function expectError(res: Res, status: number, code: string): void {
  expect(res.status).toBe(status);
  const s = errorShape(res);
  expect(s.code).toBe(code);
  expect(s.keys).toEqual(['error', 'request_id']);
  expect(s.errorKeys).toEqual(['code', 'message']);
  expect(s.requestIdMatches).toBe(true);
  expect(res.headers.get('content-type')).toBe('application/json');
}

describe('C-AUTH', () => {
  it('C-AUTH-1: missing, empty, other schemes, unknown and revoked keys are 401', async () => {
    const full = h.secret('main-full');
    const variants: Array<Record<string, string>> = [
      {},
      { Authorization: '' },
      { Authorization: 'ApiKey' },
      { Authorization: 'ApiKey ' },
      { Authorization: `Bearer ${full}` },
      { Authorization: `Basic ${Buffer.from(`x:${full}`).toString('base64')}` },
      { Authorization: full },
      { Authorization: 'ApiKey sk_mock_unknown' },
      { Authorization: `ApiKey ${h.secret('main-revoked')}` },
      { Authorization: `ApiKey ${h.secret('other-revoked')}` },
      { Authorization: `ApiKey ${full}x` },
    ];
    for (const headers of variants) expectError(await h.get(null, '/accounts', headers), 401, 'unauthorized');
  });

  it('C-AUTH-2: the scheme is case-insensitive', async () => {
    for (const scheme of ['ApiKey', 'apikey', 'APIKEY', 'aPiKeY']) {
      const r = await h.get(null, '/accounts', { Authorization: `${scheme} ${h.secret('main-full')}` });
      expect(r.status).toBe(200);
    }
  });

  it('C-AUTH-3: 401 wins over malformed and forbidden requests', async () => {
    expectError(await h.get(null, '/transfers'), 401, 'unauthorized');
    expectError(await h.get(null, '/transfers?first=0&account_id='), 401, 'unauthorized');
    expectError(await h.req('POST', '/transfers', { rawBody: '{not json' }), 401, 'unauthorized');
    expectError(await h.get(null, `/accounts/${other.income}`), 401, 'unauthorized');
    expectError(
      await h.req('POST', `/rules/${main.disabledManualRule}/trigger`, { key: 'main-revoked' }),
      401,
      'unauthorized',
    );
  });
});

describe('C-PERM-3: scope before validation', () => {
  it('a key without the scope gets 403 even for a malformed request', async () => {
    expectError(await h.get('main-no-perms', '/cards'), 403, 'forbidden');
    expectError(await h.get('main-account-one', '/transfers?first=abc'), 403, 'forbidden');
    expectError(await h.get('main-account-one', '/rule-executions'), 403, 'forbidden');
    expectError(await h.req('POST', '/transfers', { key: 'main-account-one', rawBody: '{bad' }), 403, 'forbidden');
    expectError(
      await h.req('POST', `/rules/${main.manualRule}/trigger`, { key: 'main-account-one', rawBody: '[1]' }),
      403,
      'forbidden',
    );
    expectError(await h.get('main-no-perms', '/accounts'), 403, 'forbidden');
    expectError(await h.get('main-account-one', '/rules'), 403, 'forbidden');
    expectError(await h.get('main-no-perms', `/cards/card_nope/transactions?first=0`), 403, 'forbidden');
  });

  it('a read scope does not grant triggering', async () => {
    expectError(await h.post('main-rule-one', `/rules/${main.busyRule}/trigger`, {}), 403, 'forbidden');
  });
});

describe('C-PERM-4: request-addressed resources are checked before lookup', () => {
  it('IDs outside the list are 403 whether or not they exist; wrong shapes too (C-FOUND-2)', async () => {
    for (const id of [main.income2, 'acc_01HNOSUCHACCOUNT0000000000', 'not-an-id', other.income, '%E2%9C%93'])
      expectError(await h.get('main-account-one', `/accounts/${id}`), 403, 'forbidden');
    for (const id of [main.scheduledRule, 'rule_nope', 'x'])
      expectError(await h.get('main-rule-one', `/rules/${id}`), 403, 'forbidden');
    expectError(await h.get('main-rule-one', `/rule-executions?rule_id=rule_nope`), 403, 'forbidden');
    expectError(await h.post('main-rule-one', `/rules/rule_nope/trigger`, {}), 403, 'forbidden');
    expectError(await h.get('main-pod-reader', `/transfers?account_id=acc_nope`), 403, 'forbidden');
    expectError(await h.get('main-pod-reader', `/cards?account_id=${main.pods[1]}`), 403, 'forbidden');
  });

  it('IDs in the list are served; `*` over unknown or wrong-shape IDs is 404', async () => {
    expect((await h.get('main-account-one', `/accounts/${main.income}`)).status).toBe(200);
    for (const id of ['acc_01HNOSUCHACCOUNT0000000000', 'not-an-id', 'rule_x'])
      expectError(await h.get('main-full', `/accounts/${id}`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/rules/acc_x`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/transfers?account_id=acc_nope`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/cards?account_id=nope`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/rule-executions?rule_id=nope`), 404, 'resource_not_found');
    expectError(await h.post('main-full', `/rules/nope/trigger`, {}), 404, 'resource_not_found');
  });
});

describe('C-PERM-5: object-addressed resources: 404 first, then 403', () => {
  it('unknown objects are 404 even for keys that may not see them', async () => {
    expectError(await h.get('main-pod-reader', '/transfers/txr_nope'), 404, 'resource_not_found');
    expectError(await h.get('main-pod-reader', '/cards/card_nope'), 404, 'resource_not_found');
    expectError(await h.get('main-pod-reader', '/cards/weird%20id/transactions'), 404, 'resource_not_found');
    expectError(await h.get('main-rule-one', '/rule-executions/rex_nope'), 404, 'resource_not_found');
  });

  it('existing objects linked outside the list are 403 without resource fields (C-PERM-8)', async () => {
    const full = await h.get('main-full', `/cards?account_id=${main.pods[1]}`);
    const card = full.body.data[0];
    const r = await h.get('main-pod-reader', `/cards/${card.id}`);
    expectError(r, 403, 'forbidden');
    expect(r.text).not.toContain(card.id);
    expect(r.text).not.toContain(card.last_four);
    expectError(await h.get('main-pod-reader', `/cards/${card.id}/transactions`), 403, 'forbidden');
    const ex = await h.get('main-full', `/rule-executions?rule_id=${main.scheduledRule}&first=1`);
    expectError(await h.get('main-rule-one', `/rule-executions/${ex.body.data[0].id}`), 403, 'forbidden');
    const busy = await h.get('main-full', `/rule-executions?rule_id=${main.busyRule}&first=1`);
    expect((await h.get('main-rule-one', `/rule-executions/${busy.body.data[0].id}`)).status).toBe(200);
    const own = await h.get('main-full', `/cards?account_id=${main.pods[0]}`);
    expect((await h.get('main-pod-reader', `/cards/${own.body.data[0].id}`)).status).toBe(200);
  });

  it('getTransfer: source OR destination suffices', async () => {
    const list = await h.get('main-full', `/transfers?account_id=${main.pods[0]}&first=100`);
    const asDest = list.body.data.find((t: { destination: { id: string } }) => t.destination.id === main.pods[0]);
    const asSource = list.body.data.find((t: { source: { id: string } }) => t.source.id === main.pods[0]);
    expect(asDest && asSource).toBeTruthy();
    expect((await h.get('main-pod-reader', `/transfers/${asDest.id}`)).status).toBe(200);
    expect((await h.get('main-pod-reader', `/transfers/${asSource.id}`)).status).toBe(200);
    const unrelated = await h.get('main-full', `/transfers?account_id=${main.income2}&first=100`);
    const t = unrelated.body.data.find(
      (x: { source: { id: string }; destination: { id: string } }) =>
        x.source.id !== main.pods[0] && x.destination.id !== main.pods[0],
    );
    const r = await h.get('main-pod-reader', `/transfers/${t.id}`);
    expectError(r, 403, 'forbidden');
    expect(r.text).not.toContain(String(t.amount_in_cents));
  });
});

describe('C-PERM-6: createTransfer pairs and amounts', () => {
  const body = (source: string, destination: string, amount: number) => ({
    source_account_id: source,
    destination_account_id: destination,
    amount_in_cents: amount,
  });

  it('max_amount is inclusive; one cent more is 403', async () => {
    expect(
      (await h.post('main-transfer-pair', '/transfers', body(main.income, main.pods[0] as string, 5000))).status,
    ).toBe(201);
    expectError(
      await h.post('main-transfer-pair', '/transfers', body(main.income, main.pods[0] as string, 5001)),
      403,
      'forbidden',
    );
  });

  it('pairs are directed; other pairs are 403', async () => {
    expectError(
      await h.post('main-transfer-pair', '/transfers', body(main.pods[0] as string, main.income, 100)),
      403,
      'forbidden',
    );
    expectError(
      await h.post('main-transfer-pair', '/transfers', body(main.income, main.pods[1] as string, 100)),
      403,
      'forbidden',
    );
  });

  it('entries are a union; `*` works on either side', async () => {
    const k = 'main-transfer-union';
    expect((await h.post(k, '/transfers', body(main.income, main.pods[1] as string, 1000))).status).toBe(201);
    expect((await h.post(k, '/transfers', body(main.income, main.pods[3] as string, 500))).status).toBe(201);
    expectError(await h.post(k, '/transfers', body(main.income, main.pods[3] as string, 501)), 403, 'forbidden');
    expect((await h.post(k, '/transfers', body(main.external, main.pods[2] as string, 999_999))).status).toBe(201);
    expectError(await h.post(k, '/transfers', body(main.external, main.pods[1] as string, 1)), 403, 'forbidden');
  });

  it('the pair check comes before existence; `*` over missing accounts is 404', async () => {
    expectError(
      await h.post('main-transfer-pair', '/transfers', body('acc_nope', main.pods[0] as string, 1)),
      403,
      'forbidden',
    );
    expectError(
      await h.post('main-full', '/transfers', body('acc_nope', main.pods[0] as string, 1)),
      404,
      'resource_not_found',
    );
    expectError(await h.post('main-full', '/transfers', body(main.income, 'acc_nope', 1)), 404, 'resource_not_found');
    expectError(
      await h.post('main-full', '/transfers', body(main.income, other.pods[0] as string, 1)),
      404,
      'resource_not_found',
    );
  });
});

describe('C-ORG: organizations do not see each other', () => {
  it('object-addressed and `*`-covered request-addressed IDs of another org are 404', async () => {
    const theirs = await h.get('other-full', `/transfers?account_id=${other.income}&first=1`);
    const tid = theirs.body.data[0].id;
    expectError(await h.get('main-full', `/transfers/${tid}`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/accounts/${other.income}`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/rules/${other.manualRule}`), 404, 'resource_not_found');
    expectError(await h.post('main-full', `/rules/${other.manualRule}/trigger`, {}), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/transfers?account_id=${other.income}`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/cards?account_id=${other.pods[0]}`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/rule-executions?rule_id=${other.busyRule}`), 404, 'resource_not_found');
    const card = (await h.get('other-full', `/cards?account_id=${other.pods[0]}`)).body.data[0];
    expectError(await h.get('main-full', `/cards/${card.id}`), 404, 'resource_not_found');
    expectError(await h.get('main-full', `/cards/${card.id}/transactions`), 404, 'resource_not_found');
    const ex = (await h.get('other-full', `/rule-executions?rule_id=${other.busyRule}&first=1`)).body.data[0];
    expectError(await h.get('main-full', `/rule-executions/${ex.id}`), 404, 'resource_not_found');
  });

  it('C-ORG-2 and C-PERM-2b: lists hold the whole own organization and nothing else', async () => {
    const mine = await h.get('main-list-only', '/accounts');
    const theirs = await h.get('other-full', '/accounts');
    const mineIds = new Set(mine.body.data.map((a: { id: string }) => a.id));
    expect(mineIds.has(main.emptyPod)).toBe(true);
    for (const a of theirs.body.data) expect(mineIds.has(a.id)).toBe(false);
    const narrow = await h.get('main-full', '/accounts');
    expect(narrow.body.data.length).toBe(mine.body.data.length);
    const rules = await h.get('main-list-only', '/rules');
    expect(rules.body.data.length).toBe(5);
    expect(rules.body.data.map((r: { id: string }) => r.id)).not.toContain(other.manualRule);
  });
});

describe('C-PERM-7: denied writes have no effect', () => {
  it('no transfer and no execution appears after denials', async () => {
    const before = h.mock.store.counts();
    const t = { source_account_id: main.income, destination_account_id: main.pods[0], amount_in_cents: 999_999 };
    await h.post('main-transfer-pair', '/transfers', t, { 'Idempotency-Key': 'denied-1' });
    await h.post('main-no-perms', '/transfers', t);
    await h.post('main-revoked', '/transfers', t);
    await h.post('main-rule-one', `/rules/${main.scheduledRule}/trigger`, {});
    await h.post('main-full', `/rules/${main.disabledManualRule}/trigger`, {});
    await h.post('main-full', `/rules/${main.busyRule}/trigger`, { manual_execute_amount: 100 });
    expect(h.mock.store.counts()).toEqual(before);
    // Nothing was recorded under the denied request's Idempotency-Key either.
    const ok = await h.post(
      'main-transfer-pair',
      '/transfers',
      { ...t, amount_in_cents: 10 },
      { 'Idempotency-Key': 'denied-1' },
    );
    expect(ok.status).toBe(201);
  });
});
