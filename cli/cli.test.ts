import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './test-helpers.ts';
import { startMock, type RunningMock } from '../mock/serve.ts';

let mock: RunningMock;
let dir: string;
let profileFile: string;
let secrets: string[];

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-cli-'));
  profileFile = join(dir, 'profile.json');
  const { mutations: _m, ...profile } = mock.profile;
  writeFileSync(profileFile, JSON.stringify(profile));
  secrets = mock.profile.keys.map((k) => k.secret);
});
afterAll(async () => {
  await mock?.close();
});

function allFiles(d: string): string {
  return readdirSync(d)
    .map((f) => readFileSync(join(d, f), 'utf8'))
    .join('\n');
}

describe('seqconform run against a profile', () => {
  let result: { code: number; stdout: string; stderr: string };
  let out: string;
  beforeAll(async () => {
    out = join(dir, 'out');
    result = await cli([
      'run',
      '--profile',
      profileFile,
      '--out',
      out,
      '--only',
      'authn,getCard,createTransfer,denied_write',
    ]);
  }, 120_000);

  it('exits 0 against the reference mock and writes report.json and junit.xml', () => {
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ schema_version: 1, target: { base_url: mock.baseUrl } });
    expect(report.summary).toEqual(
      expect.objectContaining({
        selected: expect.any(Number),
        cases: expect.any(Number),
        passed: expect.any(Number),
        failed: 0,
        warnings: 0,
        not_sent: 0,
        errors: 0,
      }),
    );
    expect(report.summary.cases).toBe(report.summary.selected);
    expect(report.outcome).toMatchObject({ outcome: 'PASS', exit: 0 });
    expect(report.summary.cases).toBeGreaterThan(50);
    expect(Array.isArray(report.failures) && Array.isArray(report.warnings)).toBe(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites[\s\S]*<testcase/);
  });

  it('defaults to denied-only against a target that is not the embedded mock: no money moves', () => {
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.mutations).toBe('denied-only');
    const writes = (report.cases as Array<{ operation_id: string; expected_status: number | null }>).filter(
      (c) => c.operation_id === 'createTransfer' || c.operation_id === 'triggerRule',
    );
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((c) => c.expected_status !== null && c.expected_status < 300)).toEqual([]);
  });

  it('never writes a secret to any output file or to the terminal', () => {
    const text = allFiles(out) + result.stdout + result.stderr;
    for (const s of secrets) expect(text.includes(s), 'a key secret leaked').toBe(false);
  });
});

describe('seqconform run: runs that cannot be made exit 2 with a coded message', () => {
  it('an unreachable target', async () => {
    const p = join(dir, 'unreachable.json');
    writeFileSync(
      p,
      JSON.stringify({ base_url: 'http://127.0.0.1:9/api/v1', keys: [{ id: 'k', secret: 'x', permissions: [] }] }),
    );
    const r = await cli(['run', '--profile', p, '--out', join(dir, 'o2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TARGET_UNREACHABLE/);
  }, 60_000);

  it('a profile with a dead key', async () => {
    const p = join(dir, 'dead.json');
    const profile = structuredClone(mock.profile);
    profile.keys[1]!.secret = 'sk_this_key_was_never_issued_000';
    writeFileSync(p, JSON.stringify(profile));
    const r = await cli(['run', '--profile', p, '--out', join(dir, 'o3')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`TARGET_KEY_PROBE_FAILED at key ${profile.keys[1]!.id}`));
    expect(r.stderr).not.toContain('sk_this_key_was_never_issued_000');
  }, 60_000);

  it('a bad profile and bad flags', async () => {
    const p = join(dir, 'bad.yaml');
    writeFileSync(
      p,
      'base_url: http://127.0.0.1:1/api/v1\nkeys:\n  - id: a\n    secret: x\n    permissions:\n      - scope: READ_ALL\n',
    );
    const bad = await cli(['run', '--profile', p, '--out', join(dir, 'never-written')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/PROFILE_UNKNOWN_SCOPE/);
    const flag = await cli(['run', '--bogus', '--out', join(dir, 'never-written')]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/CLI_USAGE/);
  }, 60_000);
});

describe('other commands', () => {
  it('--help for each command', async () => {
    for (const c of ['run', 'plan-keys', 'mock', 'diff', 'merge']) {
      const r = await cli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:/);
    }
  }, 60_000);

  it('plan-keys prints the plan and the coverage of a profile', async () => {
    const r = await cli(['plan-keys', '--profile', profileFile]);
    expect(r.code, r.stderr).toBe(0);
    // The profile printed back: its base_url and its own keys, each with a secret reference.
    expect(r.stdout).toContain(`base_url: ${mock.baseUrl}`);
    for (const k of mock.profile.keys) expect(r.stdout).toContain(`id: ${k.id}\n    secret_env: KEY_`);
    expect(r.stdout).toMatch(/classes reached/);
    expect(r.stdout).toMatch(/secret_env: KEY_/);
    for (const s of secrets) expect(r.stdout.includes(s)).toBe(false);
  }, 60_000);
});
