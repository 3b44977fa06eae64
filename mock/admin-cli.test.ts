/** Admin API (in-process and HTTP) and the command line. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseArgs, UsageError } from './serve.ts';
import { harness, type Harness } from './test-helpers.ts';

/** What `npx tsx` runs; spawned directly so SIGTERM reaches the server (tsx relays it) and nothing is orphaned. */
const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let h: Harness;
let main: ReturnType<Harness['named']>;

beforeAll(async () => {
  h = await harness({ adminToken: 'test-admin-token' });
  main = h.named('main');
});
afterAll(() => h.mock.close());

const admin = (path: string, init: RequestInit = {}, token: string | null = 'test-admin-token') =>
  fetch(`${h.mock.adminUrl}${path}`, {
    ...init,
    headers: {
      ...(token ? { 'X-Admin-Token': token } : {}),
      'Content-Type': 'application/json',
      ...(init.headers ?? {}),
    },
  });

describe('admin HTTP API', () => {
  it('requires the admin token', async () => {
    for (const token of [null, 'wrong', h.secret('main-full')]) {
      const r = await admin('/health', {}, token);
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toBe('application/json');
    }
    const ok = await admin('/health');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { status: string }).status).toBe('ok');
  });

  it('provisions a key with any permission list, which then works; revocation makes it 401', async () => {
    const perms = [
      { scope: 'READ_ACCOUNTS', resources: [main.income2] },
      { scope: 'MANUAL_TRANSFER', resources: [{ source: main.income2, target: '*', max_amount: 10 }] },
    ];
    const r = await admin('/keys', {
      method: 'POST',
      body: JSON.stringify({ id: 'made-1', org: 'main', permissions: perms }),
    });
    expect(r.status).toBe(201);
    const { id, secret } = (await r.json()) as { id: string; secret: string };
    expect(id).toBe('made-1');
    const auth = { Authorization: `ApiKey ${secret}` };
    expect((await fetch(`${h.mock.baseUrl}/accounts/${main.income2}`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${h.mock.baseUrl}/accounts/${main.income}`, { headers: auth })).status).toBe(403);
    const t = await fetch(`${h.mock.baseUrl}/transfers`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        source_account_id: main.income2,
        destination_account_id: main.pods[0],
        amount_in_cents: 10,
      }),
    });
    expect(t.status).toBe(201);
    const list = (await (await admin('/keys')).json()) as { keys: Array<{ id: string }> };
    expect(list.keys.map((k) => k.id)).toContain('made-1');
    expect(JSON.stringify(list)).not.toContain(secret);
    expect((await admin('/keys/made-1/revoke', { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${h.mock.baseUrl}/accounts/${main.income2}`, { headers: auth })).status).toBe(401);
    expect((await admin('/keys/nope/revoke', { method: 'POST' })).status).toBe(404);
  });

  it('rejects bad provisioning requests', async () => {
    const bad = [
      '{',
      JSON.stringify({ id: 'x1', org: 'mars', permissions: [] }),
      JSON.stringify({ id: 'x2', org: 'main', permissions: [{ scope: 'READ_EVERYTHING', resources: ['*'] }] }),
      JSON.stringify({ id: 'x3', org: 'main', permissions: [{ scope: 'LIST_ACCOUNTS', resources: ['*'] }] }),
      JSON.stringify({
        id: 'x4',
        org: 'main',
        permissions: [{ scope: 'MANUAL_TRANSFER', resources: [{ source: 'a' }] }],
      }),
      JSON.stringify({ id: '', org: 'main', permissions: [] }),
    ];
    for (const body of bad) expect((await admin('/keys', { method: 'POST', body })).status).toBe(400);
    expect(
      (
        await admin('/keys', {
          method: 'POST',
          body: JSON.stringify({ id: 'main-full', org: 'main', permissions: [] }),
        })
      ).status,
    ).toBe(409);
  });

  it('in-process admin: provision, revoke, profile', async () => {
    const { secret } = h.mock.admin.provisionKey({
      id: 'inproc',
      org: 'other',
      permissions: [{ scope: 'LIST_RULES' }],
      secret: 'sk_mock_chosen_secret',
    });
    expect(secret).toBe('sk_mock_chosen_secret');
    const r = await fetch(`${h.mock.baseUrl}/rules`, { headers: { Authorization: `ApiKey ${secret}` } });
    expect(r.status).toBe(200);
    const rules = (await r.json()) as { data: Array<{ id: string }> };
    expect(rules.data.map((x) => x.id)).not.toContain(main.busyRule);
    h.mock.admin.revokeKey('inproc');
    expect((await fetch(`${h.mock.baseUrl}/rules`, { headers: { Authorization: `ApiKey ${secret}` } })).status).toBe(
      401,
    );
    const p = h.mock.admin.profile(h.mock.baseUrl);
    expect(p.keys.find((k) => k.id === 'inproc')?.revoked).toBe(true);
  });

  it('a secret names one key: provisioning with a secret in use replaces the key that had it', async () => {
    const secret = h.secret('main-account-one');
    h.mock.admin.provisionKey({
      id: 'takeover',
      org: 'main',
      permissions: [{ scope: 'READ_ACCOUNTS', resources: [main.income2] }],
      secret,
    });
    expect(h.mock.admin.listKeys().map((k) => k.id)).not.toContain('main-account-one');
    expect((await h.get('main-account-one', `/accounts/${main.income2}`)).status).toBe(200);
    expect((await h.get('main-account-one', `/accounts/${main.income}`)).status).toBe(403);
  });

  it('the default profile has per org a full key, no-perms and revoked keys', () => {
    const p = h.mock.profile;
    expect(p.base_url).toBe(h.mock.baseUrl);
    expect(p.mutations).toBe('all');
    for (const org of ['main', 'other']) {
      expect(p.keys.find((k) => k.id === `${org}-full`)?.permissions.length).toBe(9);
      expect(p.keys.find((k) => k.id === `${org}-no-perms`)?.permissions).toEqual([]);
      expect(p.keys.find((k) => k.id === `${org}-revoked`)?.revoked).toBe(true);
    }
    expect(new Set(p.keys.map((k) => k.secret)).size).toBe(p.keys.length);
  });
});

describe('command line', () => {
  it('parses flags and refuses bad ones', () => {
    expect(
      parseArgs([
        '--port',
        '0',
        '--seed=7',
        '--scale',
        '2',
        '--latency-ms',
        '5',
        '--rate-limit-every',
        '10',
        '--admin-token',
        'abcdefgh',
        '--transfer-delay-ms',
        '1',
      ]),
    ).toMatchObject({
      port: 0,
      seed: 7,
      scale: 2,
      latencyMs: 5,
      rateLimitEvery: 10,
      adminToken: 'abcdefgh',
      transferDelayMs: 1,
    });
    for (const bad of [
      ['--port', 'x'],
      ['--port'],
      ['--bogus'],
      ['--port', '70000'],
      ['--scale', '0'],
      ['--latency-ms', '-1'],
    ])
      expect(() => parseArgs(bad)).toThrow(UsageError);
  });

  it('starts, prints its URL (no secrets), writes the profile, serves, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-cli-'));
    const file = join(dir, 'profile.yaml');
    const child = spawn(TSX, ['mock/serve.ts', '--port', '0', '--profile-out', file, '--seed', '3'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
        child.stdout.on('data', () => {
          const m = /(http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(out);
          if (m && out.includes('profile written')) {
            clearTimeout(t);
            resolve(m[1] as string);
          }
        });
      });
      const profile = parseYaml(readFileSync(file, 'utf8')) as {
        base_url: string;
        keys: Array<{ id: string; secret: string }>;
      };
      expect(profile.base_url).toBe(base);
      for (const k of profile.keys) expect(out).not.toContain(k.secret);
      const secret = profile.keys.find((k) => k.id === 'main-full')?.secret;
      const r = await fetch(`${base}/accounts`, { headers: { Authorization: `ApiKey ${secret}` } });
      expect(r.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);

  it('exits 2 with usage on a bad flag', async () => {
    const child = spawn(TSX, ['mock/serve.ts', '--nope'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('usage:');
  }, 30_000);
});
