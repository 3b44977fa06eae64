/**
 * `seqconform run` against a target that echoes credentials in every field and encoding: the
 * reports are written, hold no fragment of any secret (nor does the terminal), and say what was
 * echoed; and the misuse of staging (a bad --out, a busy --out, two keys with one secret) stops
 * before the first request.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envName } from '../generators/profile.ts';
import { leaks } from '../generators/test-leaks.ts';
import { startMock, type RunningMock } from '../mock/serve.ts';
import { faults, startHostileProxy, type FaultRule, type HostileProxy } from '../suites/hostile/proxy.ts';
import { LOCK_FILE } from './out-dir.ts';
import { cli } from './test-helpers.ts';

let mock: RunningMock;
let proxy: HostileProxy;
let dir: string;

/** The credential part of an Authorization header: the secret, a Basic blob, or nothing. */
const credentialOf = (auth: unknown) => String(auth ?? '').replace(/^\S+\s*/, '');

/** Echoes what the client sent as credentials in every place a response has. */
const ECHO: FaultRule[] = [
  {
    when: () => true,
    fault: faults.rewrite((json, s) => {
      const cred = credentialOf(s.headers.authorization);
      const e = (json as { error?: { code?: string; message?: string } }).error;
      if (e) {
        // The exact header in the code, the secret less its last character in the message.
        e.code = `unauthorized ${String(s.headers.authorization ?? '')}`;
        e.message = `no key like ${cred.slice(0, -1)} here; as url ${encodeURIComponent(cred)} and basic ${Buffer.from(`x:${cred}`).toString('base64')}`;
      }
      return { ...json, debug: { credential: JSON.stringify(cred), b64: Buffer.from(cred).toString('base64url') } };
    }),
  },
];

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 7 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-echo-'));
  const echo: FaultRule[] = [
    {
      when: () => true,
      fault: async (s, kit) => {
        await ECHO[0]!.fault(s, {
          ...kit,
          send: (status, headers, body) =>
            kit.send(
              status,
              {
                ...headers,
                'x-debug-auth': String(s.headers.authorization ?? ''),
                'x-request-id': credentialOf(s.headers.authorization).slice(2) || 'none',
                ...(credentialOf(s.headers.authorization)
                  ? { [`x-echo-${credentialOf(s.headers.authorization).replace(/[^A-Za-z0-9-]/g, '')}`]: '1' }
                  : {}),
              },
              body,
            ),
        });
      },
    },
  ];
  proxy = await startHostileProxy(mock.baseUrl, echo);
});
afterAll(async () => {
  await proxy?.close();
  await mock?.close();
});

function everything(out: string, r: { stdout: string; stderr: string }): Array<[string, string]> {
  return [
    ...readdirSync(out).map((f): [string, string] => [f, readFileSync(join(out, f), 'utf8')]),
    ['stdout', r.stdout],
    ['stderr', r.stderr],
  ];
}

describe('a target that echoes credentials everywhere', () => {
  for (const form of ['inline secrets', 'secret_env'] as const)
    it(`${form}: the reports are written with zero fragments of any secret, and say what was echoed`, async () => {
      const env: Record<string, string> = {};
      const keys = mock.profile.keys.map((k) => {
        if (form === 'inline secrets') return k;
        const { secret, ...rest } = k;
        env[envName(k.id)] = secret;
        return { ...rest, secret_env: envName(k.id) };
      });
      const profile = join(dir, `${form.replace(' ', '-')}.json`);
      writeFileSync(profile, JSON.stringify({ ...mock.profile, keys, base_url: proxy.baseUrl }));
      const out = join(dir, `out-${form.replace(' ', '-')}`);
      const r = await cli(['run', '--profile', profile, '--out', out, '--only', 'authn,getCard'], env);
      expect(r.code, r.stderr).toBe(1);
      const files = everything(out, r);
      expect(files.map(([f]) => f).sort()).toEqual([
        'junit.xml',
        'report.html',
        'report.json',
        'report.md',
        'results.json',
        'stderr',
        'stdout',
      ]);
      const secrets = mock.profile.keys.map((k) => k.secret);
      for (const [name, text] of files) expect(leaks(text, secrets), name).toEqual([]);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      const echoed = report.observations.filter((o: { kind: string }) => o.kind === 'credential_echo');
      expect(echoed.length).toBeGreaterThan(3);
      const fields = new Set(echoed.flatMap((o: { fields: string[] }) => o.fields));
      for (const f of [
        'header x-debug-auth',
        'header x-request-id',
        'header (a header name)',
        'body error.code',
        'body error.message',
        'body debug.credential',
        'body debug.b64',
      ])
        expect(fields, f).toContain(f);
      expect(r.stdout).toMatch(/Observation: key \S+: the target sent back a form of key/);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/## Observations/);
    }, 120_000);
});

describe('staging misuse stops before the first request', () => {
  const profile = () => {
    const p = join(dir, 'plain.json');
    writeFileSync(p, JSON.stringify({ ...mock.profile, base_url: proxy.baseUrl }));
    return p;
  };

  it('--out that is a file: OUT_NOT_WRITABLE, exit 2, nothing sent', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const before = proxy.seen.length;
    const r = await cli(['run', '--profile', profile(), '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OUT_NOT_WRITABLE at .*a-file: it exists and is not a directory/);
    expect(proxy.seen.length).toBe(before);
  }, 60_000);

  it('--out another live run holds: OUT_LOCKED, exit 2, nothing sent; a stale lock is taken over', async () => {
    const out = join(dir, 'busy');
    const first = await cli(['run', '--profile', profile(), '--out', out, '--only', 'getCard']);
    expect(first.code, first.stderr).toBe(1);
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, started_at: '2026-12-02T10:00:00Z' }));
    const before = proxy.seen.length;
    const busy = await cli(['run', '--profile', profile(), '--out', out]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(
      new RegExp(`OUT_LOCKED at .*busy: another seqconform run \\(pid ${process.pid}, started 2026-12-02T10:00:00Z\\)`),
    );
    expect(proxy.seen.length).toBe(before);
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, started_at: 'long ago' }));
    const stale = await cli(['run', '--profile', profile(), '--out', out, '--only', 'getCard']);
    expect(stale.code, stale.stderr).toBe(1);
    expect(readdirSync(out)).not.toContain(LOCK_FILE);
  }, 120_000);

  it('two keys with one secret: PROFILE_DUPLICATE_SECRET, exit 2, the secret not shown', async () => {
    const p = join(dir, 'twins.json');
    const keys = mock.profile.keys.slice(0, 2).map((k) => ({ ...k, secret: mock.profile.keys[0]!.secret }));
    writeFileSync(p, JSON.stringify({ ...mock.profile, base_url: proxy.baseUrl, keys }));
    const before = proxy.seen.length;
    const r = await cli(['run', '--profile', p, '--out', join(dir, 'never-written')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `PROFILE_DUPLICATE_SECRET at .*keys\\[${keys[1]!.id}\\]\\.secret: key ${keys[1]!.id} has the same secret as key ${keys[0]!.id}`,
      ),
    );
    expect(leaks(r.stderr + r.stdout, mock.profile.keys[0]!.secret)).toEqual([]);
    expect(proxy.seen.length).toBe(before);
  }, 60_000);

  it('a --ca file that holds no certificate: TLS_CA_UNREADABLE, exit 2', async () => {
    const ca = join(dir, 'not-a-ca.pem');
    writeFileSync(ca, 'hello');
    const r = await cli(['run', '--profile', profile(), '--ca', ca, '--out', join(dir, 'never-written')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TLS_CA_UNREADABLE at .*not-a-ca\.pem: holds no PEM certificate/);
  }, 60_000);
});
