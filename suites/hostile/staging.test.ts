/**
 * Safe against real staging: no write is carried out twice when connections drop after the
 * server acted, no write that could succeed is sent under `denied-only`, redirects never carry a
 * key anywhere, and an https target with a private CA works with `ca` (and says so without it).
 */
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/serve.ts';
import { isMisuse } from '../../openapi/errors.ts';
import { buildReport } from '../../reports/model.ts';
import { executeRun } from '../run.ts';
import { prepareRun, type RunOptions } from '../target.ts';
import { startHostileProxy, type FaultRule, type HostileProxy } from './proxy.ts';

let mock: RunningMock;
let dir: string;
let n = 0;

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 6 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-staging-'));
});
afterAll(async () => {
  await mock?.close();
});

function profileFor(baseUrl: string, mutations: 'all' | 'denied-only'): string {
  const file = join(dir, `profile-${++n}.json`);
  writeFileSync(file, JSON.stringify({ ...mock.profile, base_url: baseUrl, mutations }));
  return file;
}

async function runThrough(
  proxy: HostileProxy,
  mutations: 'all' | 'denied-only',
  opts: Omit<RunOptions, 'profileFile'> = {},
) {
  const run = await prepareRun({ profileFile: profileFor(proxy.baseUrl, mutations), ...opts });
  try {
    const outcome = await executeRun(run, { health: run.health });
    return {
      run,
      outcome,
      report: buildReport(run.meta, outcome.results, outcome.stopped ? { stopped: outcome.stopped } : {}),
    };
  } finally {
    await run.close();
  }
}

interface Write {
  auth: string;
  idem: string | undefined;
  status: number;
  id: string | undefined;
  reset: boolean;
}

/** A proxy that records every write the server answered, and drops the connection after the server acted on some. */
function writeRecorder(resetWhen: (n: number) => boolean): { rules: FaultRule[]; writes: Write[] } {
  const writes: Write[] = [];
  let posts = 0;
  return {
    writes,
    rules: [
      {
        when: (s) => s.method === 'POST',
        fault: async (s, kit) => {
          const u = await kit.forward();
          let id: string | undefined;
          try {
            const d = (JSON.parse(u.body) as { data?: { id?: string; execution_id?: string } }).data;
            id = d?.id ?? d?.execution_id;
          } catch {
            id = undefined;
          }
          const reset = resetWhen(++posts);
          writes.push({
            auth: String(s.headers.authorization ?? ''),
            idem: s.headers['idempotency-key'] as string | undefined,
            status: u.status,
            id,
            reset,
          });
          if (reset) kit.req.socket.destroy();
          else kit.send(u.status, u.headers, u.body);
        },
      },
    ],
  };
}

describe('no write twice', () => {
  it('a target that resets 15% of writes after acting: every write carries an Idempotency-Key, retries reuse it, nothing is created twice', async () => {
    const rec = writeRecorder((k) => k % 7 === 3);
    const proxy = await startHostileProxy(mock.baseUrl, rec.rules);
    try {
      const { report } = await runThrough(proxy, 'all', {
        only: 'createTransfer,triggerRule,create_readback,trigger_poll,idempotent_replay,denied_write',
      });
      expect(report.accounting.ok).toBe(true);
      expect(rec.writes.length).toBeGreaterThan(50);
      expect(rec.writes.filter((w) => w.reset).length).toBeGreaterThan(5);
      expect(rec.writes.filter((w) => w.idem === undefined)).toEqual([]);
      // Per API key and Idempotency-Key, the server created at most one object.
      const created = new Map<string, Set<string>>();
      for (const w of rec.writes.filter((x) => x.status >= 200 && x.status < 300 && x.id)) {
        const k = `${w.auth}\u0000${w.idem}`;
        created.set(k, (created.get(k) ?? new Set()).add(w.id!));
      }
      const twice = [...created.entries()].filter(([, ids]) => ids.size > 1);
      expect(twice).toEqual([]);
      // Every reset write was sent again under the same key and got the same object back.
      const resetKeys = rec.writes.filter((w) => w.reset && w.status < 300).map((w) => `${w.auth}\u0000${w.idem}`);
      for (const k of resetKeys)
        expect(rec.writes.filter((w) => `${w.auth}\u0000${w.idem}` === k).length).toBeGreaterThan(1);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('under denied-only no write that a correct server would carry out is sent', async () => {
    const rec = writeRecorder(() => false);
    const proxy = await startHostileProxy(mock.baseUrl, rec.rules);
    try {
      const { report } = await runThrough(proxy, 'denied-only');
      expect(report.mutations).toBe('denied-only');
      expect(rec.writes.length).toBeGreaterThan(20);
      expect(rec.writes.filter((w) => w.status < 300)).toEqual([]);
      expect(report.outcome.outcome).toBe('PASS');
    } finally {
      await proxy.close();
    }
  }, 120_000);
});

describe('denied-only against a lenient server', () => {
  it('a server that accepts Bearer and Basic with a valid secret (as many do) is still sent no write it would carry out', async () => {
    const rec = writeRecorder(() => false);
    const lenient: FaultRule = {
      when: (s) => /^(Bearer|Basic) /.test(String(s.headers.authorization ?? '')),
      fault: async (s, kit) => {
        const auth = String(s.headers.authorization);
        const cred = auth.startsWith('Basic ')
          ? Buffer.from(auth.slice(6), 'base64').toString().split(':').slice(1).join(':')
          : auth.slice(7);
        kit.req.headers.authorization = `ApiKey ${cred}`;
        s.headers.authorization = kit.req.headers.authorization;
        if (s.method === 'POST') return rec.rules[0]!.fault(s, kit);
        const u = await kit.forward();
        kit.send(u.status, u.headers, u.body);
      },
    };
    const proxy = await startHostileProxy(mock.baseUrl, [lenient, ...rec.rules]);
    try {
      const { report } = await runThrough(proxy, 'denied-only', { only: 'createTransfer,triggerRule,denied_write' });
      expect(rec.writes.length).toBeGreaterThan(20);
      expect(rec.writes.filter((w) => w.status < 300)).toEqual([]);
      // The leniency itself is reported: a valid secret under Bearer or Basic must get 401 (C-AUTH-1).
      expect(report.failures.some((f) => f.clause === 'C-AUTH-1')).toBe(true);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});

describe('redirects', () => {
  it('a redirect to another origin is not followed: no request, and so no key, reaches it', async () => {
    let elsewhere = 0;
    const other: Server = createHttpServer((_req, res) => {
      elsewhere++;
      res.end('{}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const to = `http://127.0.0.1:${(other.address() as AddressInfo).port}/steal`;
    const proxy = await startHostileProxy(mock.baseUrl, [
      {
        when: (s) => /\/cards\/card_/.test(s.path),
        fault: (_s, kit) => kit.send(302, { location: to, 'content-type': 'application/json' }, '{}'),
      },
    ]);
    try {
      const { report } = await runThrough(proxy, 'denied-only', { only: 'getCard' });
      expect(elsewhere).toBe(0);
      expect(report.cases.some((c) => c.actual_status === 302)).toBe(true);
      expect(report.accounting.ok).toBe(true);
    } finally {
      await proxy.close();
      await new Promise<void>((r) => other.close(() => r()));
    }
  }, 60_000);
});

describe('TLS with a private CA', () => {
  const fixtures = join(import.meta.dirname, 'fixtures');
  let https: Server;
  let base: string;
  beforeAll(async () => {
    const up = new URL(mock.baseUrl);
    https = createHttpsServer(
      { key: readFileSync(join(fixtures, 'server.key')), cert: readFileSync(join(fixtures, 'server.pem')) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const r = httpRequest(
            { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers },
            (ur) => {
              res.writeHead(ur.statusCode ?? 502, ur.headers);
              ur.pipe(res);
            },
          );
          r.end(Buffer.concat(chunks));
        });
      },
    );
    await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(https.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(() => new Promise<void>((r) => https.close(() => r())));

  it('without the CA: misuse that says the certificate is not trusted and how to trust it', async () => {
    const e = await prepareRun({ profileFile: profileFor(base, 'denied-only') }).catch((x: unknown) => x);
    expect(isMisuse(e, 'TARGET_UNREACHABLE')).toBe(true);
    expect((e as Error).message).toMatch(
      /TLS certificate is not trusted \([A-Z_]+\): pass --ca FILE with the CA that signed it, or set NODE_EXTRA_CA_CERTS/,
    );
  }, 30_000);

  it('with the CA: the run goes through', async () => {
    const run = await prepareRun({
      profileFile: profileFor(base, 'denied-only'),
      only: 'getCard',
      ca: readFileSync(join(fixtures, 'test-ca.pem'), 'utf8'),
    });
    try {
      const outcome = await executeRun(run, { health: run.health });
      const report = buildReport(run.meta, outcome.results);
      expect(report.outcome).toMatchObject({ outcome: 'PASS', exit: 0 });
      expect(report.summary.selected).toBeGreaterThan(10);
    } finally {
      await run.close();
    }
  }, 60_000);
});
