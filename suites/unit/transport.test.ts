import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretStore } from '../../generators/profile.ts';
import { createTransport, curlOf, TargetError } from '../transport.ts';

let server: Server;
let base: string;
let hits = 0;
const seen: Array<Record<string, string | string[] | undefined>> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    seen.push(req.headers);
    if (req.url?.includes('/limited') && hits % 2 === 1) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"error":{"code":"rate_limited","message":"slow down"}}');
      return;
    }
    if (req.url?.includes('/reset')) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' }).end('{"request_id":"req_1","data":[]}');
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
      await t.send(get('/accounts'), { credential, keyId: credential === 'none' || credential === 'empty' || credential === 'unknown' ? null : 'full-main' });
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
    const curl = curlOf(base, { method: 'POST', path: '/transfers', query: [['a', 'b c']], headers: { 'X-Request-ID': "it's" }, body: { x: 1 } }, { credential: 'key', keyId: 'full-main' });
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
