/** C-REQID, C-BODY, C-RATE and bad input: request IDs, content types, unknown paths, 405, 413, absurd queries, many connections. */
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './test-helpers.ts';

let h: Harness;
let main: ReturnType<Harness['named']>;

beforeAll(async () => {
  h = await harness();
  main = h.named('main');
});
afterAll(() => h.mock.close());

/** Sends raw bytes and resolves with the whole answer once the server closes or `until` matches. */
function raw(port: number, payload: string | Buffer, until?: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => {
      out += d.toString('latin1');
      if (until?.test(out)) s.destroy();
    });
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
    s.write(payload);
  });
}

describe('C-REQID', () => {
  it('a valid client ID comes back unchanged on successes and on every kind of error', async () => {
    const id = 'client-ID_1.2:3/~!"#$%&\'()*+,;<=>?@[\\]^`{|}';
    const cases = [
      () => h.get('main-full', '/accounts', { 'X-Request-ID': id }),
      () => h.get(null, '/accounts', { 'X-Request-ID': id }),
      () => h.get('main-no-perms', '/accounts', { 'X-Request-ID': id }),
      () => h.get('main-full', '/transfers', { 'X-Request-ID': id }),
      () => h.get('main-full', '/accounts/acc_nope', { 'X-Request-ID': id }),
      () => h.get('main-full', '/nowhere', { 'X-Request-ID': id }),
      () => h.req('DELETE', '/accounts', { key: 'main-full', headers: { 'X-Request-ID': id } }),
      () => h.post('main-full', `/rules/${main.disabledManualRule}/trigger`, {}, { 'X-Request-ID': id }),
      () =>
        h.req('POST', '/transfers', {
          key: 'main-full',
          rawBody: 'x'.repeat(1024 * 1024 + 1),
          headers: { 'X-Request-ID': id },
        }),
    ];
    for (const c of cases) {
      const r = await c();
      expect(r.headers.get('x-request-id')).toBe(id);
      expect(r.body.request_id).toBe(id);
    }
    const long = 'a'.repeat(128);
    expect((await h.get('main-full', '/accounts', { 'X-Request-ID': long })).headers.get('x-request-id')).toBe(long);
  });

  it('invalid client IDs are replaced by generated req_ IDs; generated IDs never repeat', async () => {
    const seen = new Set<string>();
    for (const bad of ['a'.repeat(129), 'has space', 'tab\tin', 'ünïcode']) {
      const r = await h.get('main-full', '/accounts', { 'X-Request-ID': bad });
      expect(r.status).toBe(200);
      const got = r.headers.get('x-request-id') as string;
      expect(got).toMatch(/^req_/);
      expect(r.body.request_id).toBe(got);
      seen.add(got);
    }
    const rs = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? h.get('main-full', '/rules') : h.get(null, '/rules'))),
    );
    for (const r of rs) {
      const id = r.headers.get('x-request-id') as string;
      expect(id).toMatch(/^req_/);
      expect(r.body.request_id).toBe(id);
      seen.add(id);
    }
    expect(seen.size).toBe(204);
  });
});

describe('C-BODY', () => {
  it('every answer is application/json; errors are exactly {error:{code,message},request_id}', async () => {
    const rs = [
      await h.get('main-full', '/accounts'),
      await h.get(null, '/accounts'),
      await h.get('main-full', '/bogus/path/deep/er'),
      await h.req('PUT', `/rules/${main.busyRule}`, { key: 'main-full' }),
      await h.req('GET', '/', {}),
      await fetch(`${h.mock.url}/`).then(async (r) => ({
        status: r.status,
        headers: r.headers,
        text: await r.text(),
        body: undefined,
      })),
    ];
    for (const r of rs) {
      expect(r.headers.get('content-type')).toBe('application/json');
      const body = JSON.parse(r.text);
      if (r.status >= 400) {
        expect(Object.keys(body).sort()).toEqual(['error', 'request_id']);
        expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
        expect(body.error.message.length).toBeGreaterThan(0);
      }
    }
  });

  it('unknown paths are 404 resource_not_found; wrong methods 405 with Allow', async () => {
    const a = await h.get('main-full', '/accountz');
    expect(a.status).toBe(404);
    expect(a.body.error.code).toBe('resource_not_found');
    for (const [method, path, allow] of [
      ['DELETE', `/rules/${main.busyRule}`, 'GET'],
      ['GET', `/rules/${main.manualRule}/trigger`, 'POST'],
      ['PATCH', '/transfers', 'GET, POST'],
      ['POST', '/accounts', 'GET'],
      ['HEAD', '/cards', 'GET'],
    ] as const) {
      const r = await h.req(method, path, { key: 'main-full' });
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBe(allow);
      if (method !== 'HEAD') expect(r.body.error.code).toBe('method_not_allowed');
    }
  });
});

describe('bad input never hurts it', () => {
  it('bodies over 1 MB are 413 payload_too_large, declared or chunked, and the server keeps serving', async () => {
    const before = h.mock.store.counts();
    const big = await h.req('POST', '/transfers', {
      key: 'main-full',
      rawBody: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`,
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${h.mock.baseUrl}/transfers`,
        { method: 'POST', headers: { Authorization: `ApiKey ${h.secret('main-full')}` } },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 40) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('payload_too_large');
    expect((await h.get('main-full', '/accounts')).status).toBe(200);
    expect(h.mock.store.counts()).toEqual(before);
  });

  it('a 413 needs auth and scope first', async () => {
    const r = await h.req('POST', '/transfers', { rawBody: 'x'.repeat(1024 * 1024 + 10) });
    expect(r.status).toBe(401);
  });

  it('absurd query strings are 400, never 5xx', async () => {
    const base = `/transfers?account_id=${main.income}`;
    for (const q of ['&first=%ZZ', '&%E0%A4%A=1', '&from=%', `&pad=${'x'.repeat(9000)}`, `${'&x=1'.repeat(3000)}`]) {
      const r = await h.get('main-full', `${base}${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    const many = await h.get('main-full', `${base}${'&status=complete'.repeat(500)}`);
    expect(many.status).toBe(400);
    expect((await h.get('main-full', `/accounts/${main.income}?x=%ZZ`)).status).toBe(400);
  });

  it('request lines beyond the header limit get a JSON 400, not a hang or a 5xx', async () => {
    const port = Number(new URL(h.mock.url).port);
    const out = await raw(port, `GET /api/v1/accounts?x=${'y'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(out).toMatch(/^HTTP\/1\.1 400 /);
    expect(out).toMatch(/Content-Type: application\/json/);
    expect(out).toContain('"code":"invalid_request"');
    const garbage = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('malformed JSON is 400 invalid_request', async () => {
    for (const rawBody of ['{"source_account_id":', '\u0000', '{"a":1}{"b":2}', "{'a':1}"])
      expect((await h.req('POST', '/transfers', { key: 'main-full', rawBody })).status).toBe(400);
  });

  it('deeply nested JSON with an Idempotency-Key is handled (no stack overflow, no 5xx)', async () => {
    const deep = `{"source_account_id":"${main.income}","destination_account_id":"${main.pods[0]}","amount_in_cents":1,"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const r = await h.req('POST', '/transfers', {
      key: 'main-full',
      rawBody: deep,
      headers: { 'Idempotency-Key': 'deep' },
    });
    expect([201, 400]).toContain(r.status);
  });

  it('~2000 concurrent connections are all served and nothing is lost from the store', async () => {
    const before = h.mock.store.counts();
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const secret = h.secret('main-full');
    const one = (i: number) =>
      new Promise<number>((resolve) => {
        const path =
          i % 3 === 0
            ? `/api/v1/accounts/${main.income}`
            : i % 3 === 1
              ? `/api/v1/transfers?account_id=${main.income}&first=5`
              : '/api/v1/rules';
        const req = httpRequest(
          `${h.mock.url}${path}`,
          { agent, headers: { Authorization: `ApiKey ${secret}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', () => resolve(-1));
        req.end();
      });
    const statuses = await Promise.all(Array.from({ length: 2000 }, (_, i) => one(i)));
    agent.destroy();
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(h.mock.store.counts()).toEqual(before);
  }, 30_000);
});

describe('C-RATE-1 and latency', () => {
  it('--rate-limit-every N answers every Nth request 429 rate_limited with Retry-After', async () => {
    const r = await harness({ rateLimitEvery: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        const res = await r.get('main-full', '/accounts', { 'X-Request-ID': `rl-${i}` });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get('retry-after')).toBe('1');
          expect(res.body.error.code).toBe('rate_limited');
          expect(res.headers.get('x-request-id')).toBe(`rl-${i}`);
        }
      }
      expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200, 200, 429]);
    } finally {
      await r.mock.close();
    }
  });

  it('--latency-ms delays responses; close() is immediate even with responses pending', async () => {
    const r = await harness({ latencyMs: 150 });
    const t0 = Date.now();
    expect((await r.get('main-full', '/accounts')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const pending = r.get('main-full', '/accounts').catch(() => 'closed');
    await new Promise((res) => setTimeout(res, 20));
    const c0 = Date.now();
    await r.mock.close();
    expect(Date.now() - c0).toBeLessThan(100);
    await pending;
  });
});
