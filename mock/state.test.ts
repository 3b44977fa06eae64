/** C-STATE: createTransfer, triggerRule, completion after the configured delays, idempotency. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './test-helpers.ts';

let h: Harness;
let main: ReturnType<Harness['named']>;
// Long enough that two requests in a row finish before it even on a loaded machine.
const DELAY = 600;

beforeAll(async () => {
  h = await harness({ transferDelayMs: DELAY, executionDelayMs: DELAY });
  main = h.named('main');
});
afterAll(() => h.mock.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('C-STATE-1: createTransfer', () => {
  it('201 processing/user, readable at once, listed for both accounts, complete after the delay', async () => {
    const r = await h.post('main-full', '/transfers', {
      source_account_id: main.income,
      destination_account_id: main.pods[0],
      amount_in_cents: 1234,
      description: 'hi',
    });
    expect(r.status).toBe(201);
    const t = r.body.data;
    expect(t).toMatchObject({
      amount_in_cents: 1234,
      direction: 'internal',
      origin: 'user',
      status: 'processing',
      description: 'hi',
      rule_execution_id: null,
    });
    expect(t.source).toMatchObject({ id: main.income, type: 'income_source' });
    expect(t.id).toMatch(/^txr_[0-9A-Z]{10,26}$/);
    const g = await h.get('main-pod-reader', `/transfers/${t.id}`);
    expect(g.status).toBe(200);
    expect(g.body.data.status).toBe('processing');
    for (const acc of [main.income, main.pods[0]]) {
      const l = await h.get('main-full', `/transfers?account_id=${acc}&first=1`);
      expect(l.body.data[0].id).toBe(t.id);
    }
    await sleep(DELAY + 30);
    expect((await h.get('main-full', `/transfers/${t.id}`)).body.data.status).toBe('complete');
    const done = await h.get('main-full', `/transfers?account_id=${main.income}&status=complete&first=1`);
    expect(done.body.data[0].id).toBe(t.id);
  });

  it('direction: money_in from an external account, money_out to one', async () => {
    const a = await h.post('main-full', '/transfers', {
      source_account_id: main.external,
      destination_account_id: main.income,
      amount_in_cents: 1,
    });
    expect(a.body.data.direction).toBe('money_in');
    const b = await h.post('main-full', '/transfers', {
      source_account_id: main.income,
      destination_account_id: main.liability,
      amount_in_cents: 1,
    });
    expect(b.body.data.direction).toBe('money_out');
    expect(a.body.data.created_at).not.toBe(b.body.data.created_at);
  });
});

describe('C-STATE-2/3: triggerRule', () => {
  it('202 with execution_id; in_progress, then executed with a rule transfer', async () => {
    const r = await h.post('main-full', `/rules/${main.manualRule}/trigger`, { manual_execute_amount: 777 });
    expect(r.status).toBe(202);
    expect(Object.keys(r.body.data)).toEqual(['execution_id']);
    const id = r.body.data.execution_id;
    expect(id).toMatch(/^rex_/);
    const e = await h.get('main-full', `/rule-executions/${id}`);
    expect(e.body.data).toMatchObject({
      id,
      rule_id: main.manualRule,
      trigger_type: 'manual',
      status: 'in_progress',
      trigger_details: { type: 'manual' },
      transfer_ids: [],
    });
    const l = await h.get('main-full', `/rule-executions?rule_id=${main.manualRule}&first=1`);
    expect(l.body.data[0].id).toBe(id);
    await sleep(DELAY + 30);
    const done = (await h.get('main-full', `/rule-executions/${id}`)).body.data;
    expect(done.status).toBe('executed');
    expect(done.transfer_ids).toHaveLength(1);
    const t = (await h.get('main-full', `/transfers/${done.transfer_ids[0]}`)).body.data;
    expect(t).toMatchObject({ origin: 'rule', rule_execution_id: id, amount_in_cents: 777, status: 'processing' });
    expect(
      (await h.get('main-full', `/rule-executions?rule_id=${main.manualRule}&status=executed&first=1`)).body.data[0].id,
    ).toBe(id);
    await sleep(DELAY + 30);
    expect((await h.get('main-full', `/transfers/${t.id}`)).body.data.status).toBe('complete');
  });

  it('a disabled rule is 409 rule_disabled and starts nothing', async () => {
    const before = h.mock.store.executions.size;
    for (const rule of [main.disabledManualRule, main.disabledRule]) {
      const r = await h.post('main-full', `/rules/${rule}/trigger`, {});
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('rule_disabled');
    }
    expect(h.mock.store.executions.size).toBe(before);
  });
});

describe('C-STATE-4: Idempotency-Key', () => {
  const body = () => ({ source_account_id: main.income, destination_account_id: main.pods[1], amount_in_cents: 4321 });

  it('a repeat returns the same status and data and creates nothing', async () => {
    const a = await h.post('main-full', '/transfers', body(), { 'Idempotency-Key': 'k-1' });
    const n = h.mock.store.transfers.size;
    const raw =
      '{ "amount_in_cents": 4321,\n "destination_account_id": "' +
      main.pods[1] +
      '", "source_account_id": "' +
      main.income +
      '" }';
    const b = await h.req('POST', '/transfers', {
      key: 'main-full',
      rawBody: raw,
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(b.status).toBe(201);
    expect(b.body.data).toEqual(a.body.data);
    expect(b.body.request_id).toBe(b.headers.get('x-request-id'));
    expect(b.body.request_id).not.toBe(a.body.request_id);
    expect(h.mock.store.transfers.size).toBe(n);
  });

  it('another body or path with the same key is 409 idempotency_conflict', async () => {
    await h.post('main-full', '/transfers', body(), { 'Idempotency-Key': 'k-2' });
    const n = h.mock.store.transfers.size;
    const c = await h.post(
      'main-full',
      '/transfers',
      { ...body(), amount_in_cents: 4322 },
      { 'Idempotency-Key': 'k-2' },
    );
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('idempotency_conflict');
    const d = await h.post('main-full', `/rules/${main.manualRule}/trigger`, {}, { 'Idempotency-Key': 'k-2' });
    expect(d.status).toBe(409);
    expect(d.body.error.code).toBe('idempotency_conflict');
    expect(h.mock.store.transfers.size).toBe(n);
  });

  it('triggerRule replays the same execution; empty body equals {}', async () => {
    const n = h.mock.store.executions.size;
    const a = await h.req('POST', `/rules/${main.manualRule}/trigger`, {
      key: 'main-full',
      headers: { 'Idempotency-Key': 't-1' },
    });
    const b = await h.post('main-full', `/rules/${main.manualRule}/trigger`, {}, { 'Idempotency-Key': 't-1' });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.data).toEqual(a.body.data);
    expect(h.mock.store.executions.size).toBe(n + 1);
    const c = await h.post(
      'main-full',
      `/rules/${main.manualRule}/trigger`,
      { manual_execute_amount: 5 },
      { 'Idempotency-Key': 't-1' },
    );
    expect(c.status).toBe(409);
  });

  it('keys of different API keys never interact', async () => {
    const a = await h.post('main-full', '/transfers', body(), { 'Idempotency-Key': 'shared' });
    const b = await h.post(
      'main-transfer-union',
      '/transfers',
      { ...body(), amount_in_cents: 1000 },
      { 'Idempotency-Key': 'shared' },
    );
    expect(b.status).toBe(201);
    expect(b.body.data.id).not.toBe(a.body.data.id);
    const c = await h.post(
      'main-transfer-union',
      '/transfers',
      { ...body(), amount_in_cents: 1000 },
      { 'Idempotency-Key': 'shared' },
    );
    expect(c.body.data.id).toBe(b.body.data.id);
  });

  it('the replay is looked up after the checks; failures are not remembered', async () => {
    await h.post(
      'main-transfer-pair',
      '/transfers',
      { source_account_id: main.income, destination_account_id: main.pods[0], amount_in_cents: 100 },
      { 'Idempotency-Key': 'p-1' },
    );
    const denied = await h.post(
      'main-transfer-pair',
      '/transfers',
      { source_account_id: main.income, destination_account_id: main.pods[0], amount_in_cents: 6000 },
      { 'Idempotency-Key': 'p-1' },
    );
    expect(denied.status).toBe(403);
    const invalid = await h.post(
      'main-transfer-pair',
      '/transfers',
      { source_account_id: main.income },
      { 'Idempotency-Key': 'p-1' },
    );
    expect(invalid.status).toBe(400);
    const missing = await h.post(
      'main-full',
      '/transfers',
      { source_account_id: 'acc_nope', destination_account_id: main.pods[0], amount_in_cents: 1 },
      { 'Idempotency-Key': 'p-2' },
    );
    expect(missing.status).toBe(404);
    const ok = await h.post('main-full', '/transfers', body(), { 'Idempotency-Key': 'p-2' });
    expect(ok.status).toBe(201);
  });

  it('a replay of a rule since disabled still answers the recorded 202 (replay precedes the 409)', async () => {
    const rule = h.mock.store.rules.get(main.manualRule);
    if (!rule) throw new Error('seed');
    const a = await h.post('main-full', `/rules/${rule.id}/trigger`, {}, { 'Idempotency-Key': 'r-1' });
    rule.status = 'disabled';
    try {
      const b = await h.post('main-full', `/rules/${rule.id}/trigger`, {}, { 'Idempotency-Key': 'r-1' });
      expect(b.status).toBe(202);
      expect(b.body.data).toEqual(a.body.data);
      expect((await h.post('main-full', `/rules/${rule.id}/trigger`, {}, { 'Idempotency-Key': 'r-2' })).status).toBe(
        409,
      );
    } finally {
      rule.status = 'enabled';
    }
  });
});
