import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretStore } from '../../generators/profile.ts';
import { TargetHealth } from '../target-health.ts';
import { backoffMs, createTransport, curlOf, maskAnswer, retryAfterMs, TargetError } from '../transport.ts';

let server: Server;
let base: string;
let hits = 0;
const seen: Array<Record<string, string | string[] | undefined>> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    seen.push(req.headers);
    if (req.url?.includes('/limited') && hits % 2 === 1) {
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' })
        .end('{"error":{"code":"rate_limited","message":"slow down"}}');
      return;
    }
    if (req.url?.includes('/reset')) {
      req.socket.destroy();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' })
      .end('{"request_id":"req_1","data":[]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const secrets = new SecretStore();
secrets.set('full-main', 'sk_secret_value_123');
const get = (path: string) => ({ method: 'GET' as const, path, query: [] as Array<[string, string]>, headers: {} });

describe('transport', () => {
  it('waits out 429 with Retry-After and never returns it (C-RATE-1)', async () => {
    const t = createTransport({ baseUrl: base, secrets });
    hits = 0;
    const res = await t.send(get('/limited'), { credential: 'key', keyId: 'full-main' });
    expect(res.status).toBe(200);
    expect(res.rateLimited).toBe(1);
    expect(t.sent).toBe(2);
    await t.close();
  });

  it('turns connection resets into a TargetError after bounded retries', async () => {
    const t = createTransport({ baseUrl: base, secrets, retries: 2 });
    await expect(t.send(get('/reset'), { credential: 'none', keyId: null })).rejects.toBeInstanceOf(TargetError);
    expect(t.sent).toBe(3);
    await t.close();
  });

  it('caps requests per second', async () => {
    const t = createTransport({ baseUrl: base, secrets, maxRps: 20, concurrency: 8 });
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 11 }, () => t.send(get('/accounts'), { credential: 'none', keyId: null })));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450);
    await t.close();
  });

  it('sends each credential form, and the curl line never holds the secret', async () => {
    const t = createTransport({ baseUrl: base, secrets });
    seen.length = 0;
    for (const credential of ['key', 'lowercase', 'none', 'empty', 'bearer', 'basic', 'unknown'] as const)
      await t.send(get('/accounts'), {
        credential,
        keyId: credential === 'none' || credential === 'empty' || credential === 'unknown' ? null : 'full-main',
      });
    expect(seen.map((h) => h.authorization)).toEqual([
      'ApiKey sk_secret_value_123',
      'apikey sk_secret_value_123',
      undefined,
      'ApiKey',
      'Bearer sk_secret_value_123',
      `Basic ${Buffer.from('full-main:sk_secret_value_123').toString('base64')}`,
      expect.stringMatching(/^ApiKey seqconform-unknown/),
    ]);
    await t.close();
    const curl = curlOf(
      base,
      {
        method: 'POST',
        path: '/transfers',
        query: [['a', 'b c']],
        headers: { 'X-Request-ID': "it's" },
        body: { x: 1 },
      },
      { credential: 'key', keyId: 'full-main' },
    );
    expect(curl).toContain('$KEY_FULL_MAIN');
    expect(curl).not.toContain('sk_secret_value_123');
    expect(curl).toContain(`'X-Request-ID: it'\\''s'`);
  });

  it('the supertest client gives the same answers', async () => {
    const t = createTransport({ baseUrl: base, secrets, client: 'supertest' });
    const res = await t.send(get('/accounts'), { credential: 'key', keyId: 'full-main' });
    expect(res).toMatchObject({ status: 200, json: { request_id: 'req_1', data: [] } });
    expect(res.headers['x-request-id']).toBe('req_1');
    await t.close();
  });
});

describe('Retry-After and back-off', () => {
  it('reads Retry-After as delay-seconds or an HTTP date; anything else is unreadable', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Wed, 02 Dec 2026 10:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Wed, 02 Dec 2026 09:00:00 GMT', now)).toBe(0);
    for (const bad of [undefined, '', '-1', '1.5', 'soon', '1e3'])
      expect(retryAfterMs(bad, now), String(bad)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });
});

describe('the run’s wait budget and breaker', () => {
  it('admits a wait only within what is left of the budget; concurrent waits count once', async () => {
    const h = new TargetHealth({ maxWaitMs: 300 });
    const t0 = performance.now();
    expect(await Promise.all([h.wait(200), h.wait(200), h.wait(150)])).toEqual([true, true, true]);
    expect(performance.now() - t0).toBeLessThan(290);
    expect(h.spentMs).toBeGreaterThanOrEqual(190);
    expect(await h.wait(200)).toBe(false);
    expect(h.spentMs).toBeLessThan(300);
  });

  it('opens after N consecutive connection failures; an answer starts the count again', () => {
    const h = new TargetHealth({ breakerThreshold: 3 });
    h.connectionFailed('a');
    h.connectionFailed('b');
    h.answered();
    h.connectionFailed('c');
    h.connectionFailed('d');
    expect(h.stopped).toBeUndefined();
    h.connectionFailed('e');
    expect(h.stopped).toMatch(/3 consecutive connection failures \(last: e\)/);
  });

  it('a transport whose breaker is open sends nothing more: not sent, not a target error', async () => {
    const health = new TargetHealth({ breakerThreshold: 2 });
    const t = createTransport({ baseUrl: base, secrets, retries: 0, health });
    for (let i = 0; i < 2; i++) await t.send(get('/reset'), { credential: 'none', keyId: null }).catch(() => {});
    const sentBefore = t.sent;
    const e = await t.send(get('/accounts'), { credential: 'none', keyId: null }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TargetError);
    expect((e as TargetError).notSent).toBe(true);
    expect(t.sent).toBe(sentBefore);
    await t.close();
  });

  it('a write whose bytes left before the breaker opened is a target error that may have acted, never not sent', async () => {
    const health = new TargetHealth({ breakerThreshold: 1 });
    const t = createTransport({ baseUrl: base, secrets, retries: 3, health });
    const post = { ...get('/reset'), method: 'POST' as const, body: { a: 1 } };
    const e = await t.send(post, { credential: 'none', keyId: null }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TargetError);
    expect((e as TargetError).notSent).toBe(false);
    expect((e as TargetError).message).toMatch(/may have been carried out/);
    expect(t.sent).toBe(1);
    await t.close();
  });

  it('gives every write an Idempotency-Key, kept across its retries; a write without one by design is never retried once sent', async () => {
    const t = createTransport({ baseUrl: base, secrets, retries: 2 });
    const post = {
      method: 'POST' as const,
      path: '/reset',
      query: [] as Array<[string, string]>,
      headers: {},
      body: { a: 1 },
    };
    seen.length = 0;
    const keyed = await t.send(post, { credential: 'none', keyId: null }).catch((x: unknown) => x);
    expect((keyed as TargetError).kind).toBe('connection');
    expect(t.sent).toBe(3);
    const keys = seen.map((h) => h['idempotency-key']);
    expect(keys[0]).toMatch(/^seqconform-[0-9a-f]{12}-\d+$/);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    const bare = await t
      .send({ ...post, withoutIdempotencyKey: true }, { credential: 'none', keyId: null })
      .catch((x: unknown) => x);
    expect((bare as TargetError).kind).toBe('unsafe_retry');
    expect((bare as TargetError).message).toMatch(
      /not retried: a write without an Idempotency-Key may already have been carried out/,
    );
    expect(t.sent).toBe(4);
    expect(seen.at(-1)!['idempotency-key']).toBeUndefined();
    const fresh = await t.send({ ...post, path: '/accounts' }, { credential: 'none', keyId: null });
    expect(fresh.idempotencyKey).toMatch(/^seqconform-/);
    expect(fresh.idempotencyKey).not.toBe(keys[0]);
    await t.close();
  });
});

describe('the response boundary masks secrets in every place a response has', () => {
  it('in header names and values, and in JSON strings the raw text only spells with escapes', () => {
    const secret = 'sk_test_boundary_Q2w3E4r5';
    const store = new SecretStore();
    store.set('k1', secret);
    const escaped = [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const health = new TargetHealth();
    const masked = maskAnswer(
      {
        status: 401,
        headers: { [`x-echo-${secret}`]: 'yes', 'x-auth': `ApiKey ${secret}` },
        text: `{"error":{"code":"unauthorized","message":"${escaped}"}}`,
        json: JSON.parse(`{"error":{"code":"unauthorized","message":"${escaped}"}}`),
      },
      store.redactor,
      health,
    );
    const all = JSON.stringify(masked);
    expect(all.includes(secret.slice(0, 12))).toBe(false);
    expect(masked.json).toEqual({ error: { code: 'unauthorized', message: '$KEY_K1' } });
    expect(
      health
        .echoes()
        .map((e) => e.field)
        .sort(),
    ).toEqual(['body error.message', 'header (a header name)', 'header x-auth']);
  });
});
