import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './test-helpers.ts';
import { MUTANTS } from '../mock/mutants/index.ts';
import { startMock, type RunningMock } from '../mock/serve.ts';
import { baselineFromReport, formatBaseline } from '../reports/baseline.ts';

let mock: RunningMock;
let dir: string;
const mutant = MUTANTS.find((m) => m.id === 'bola-get-card')!;

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 5, parts: mutant.parts });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-fail-'));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(mock.profile));
});
afterAll(async () => {
  await mock?.close();
});

describe('a run against a faulty server', () => {
  it('exits 1, cites the clause, and gives a curl without the secret; a baseline accepts it; diff shows the change', async () => {
    const profile = join(dir, 'profile.json');
    const first = await cli(['run', '--profile', profile, '--only', 'getCard', '--out', join(dir, 'a')]);
    expect(first.code, first.stderr).toBe(1);
    const a = JSON.parse(readFileSync(join(dir, 'a', 'report.json'), 'utf8'));
    expect(a.failures.length).toBeGreaterThan(0);
    const f = a.failures.find((x: { clause: string }) => x.clause === 'C-PERM-5');
    expect(f).toMatchObject({
      check: 'status_matches_oracle',
      level: 'must',
      operation_id: 'getCard',
      expected: 403,
      actual: { status: 200, code: null },
    });
    expect(f.actual.body).toMatch(/"data"/);
    expect(f.curl).toMatch(/^curl .*\$KEY_/);
    for (const k of mock.profile.keys) expect(JSON.stringify(a).includes(k.secret)).toBe(false);
    expect(first.stdout).toMatch(/FAIL/);
    expect(first.stdout).toMatch(/C-PERM-5/);

    writeFileSync(join(dir, 'baseline.yaml'), formatBaseline(baselineFromReport(a, 'known BOLA, ticket SEQ-1')));
    const second = await cli([
      'run',
      '--profile',
      profile,
      '--only',
      'getCard',
      '--out',
      join(dir, 'b'),
      '--baseline',
      join(dir, 'baseline.yaml'),
    ]);
    expect(second.code, second.stderr).toBe(0);
    const b = JSON.parse(readFileSync(join(dir, 'b', 'report.json'), 'utf8'));
    expect(b.summary.failed).toBe(0);
    expect(b.summary.accepted).toBeGreaterThan(0);

    const d = await cli(['diff', join(dir, 'a', 'report.json'), join(dir, 'b', 'report.json')]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.length).toBeGreaterThan(20);

    // The CI gate: the accepted failures of b are not new; against a clean run with another seed, a's are.
    const gate = await cli(['diff', join(dir, 'a', 'report.json'), join(dir, 'b', 'report.json'), '--fail-on-new']);
    expect(gate.code, gate.stdout).toBe(0);
    const clean = { ...a, seed: 99, failures: [], accepted: [], warnings: [], findings: [], causes: [] };
    writeFileSync(join(dir, 'clean.json'), JSON.stringify(clean));
    const plain = await cli(['diff', join(dir, 'clean.json'), join(dir, 'a', 'report.json')]);
    expect(plain.code, plain.stderr).toBe(0);
    const failing = await cli(['diff', join(dir, 'clean.json'), join(dir, 'a', 'report.json'), '--fail-on-new']);
    expect(failing.code, failing.stderr).toBe(1);
    expect(failing.stdout.split('\n')[0]).toBe(
      'warning: the runs differ in seed (A: 99; B: 1): new and fixed failures may come from that, not from the server',
    );
    expect(failing.stdout).toMatch(
      /New failures \(\d+ in \d+ root causes?\):\n {2}Authorization and isolation:\n {4}C-PERM-5 /,
    );
    // The same comparison as data, with the same exit code; a format it does not know is misuse.
    const json = await cli([
      'diff',
      join(dir, 'clean.json'),
      join(dir, 'a', 'report.json'),
      '--fail-on-new',
      '--format',
      'json',
    ]);
    expect(json.code, json.stderr).toBe(1);
    const data = JSON.parse(json.stdout);
    expect(data.mismatches.map((m: { field: string }) => m.field)).toContain('seed');
    expect(data.new_failures.length).toBe(a.failures.length);
    expect(data.new_failures.map((f: { clause: string }) => f.clause)).toContain('C-PERM-5');
    expect(data.causes.new_failures[0].severity).toBe('breach');
    const bad = await cli(['diff', join(dir, 'clean.json'), join(dir, 'a', 'report.json'), '--format', 'yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/CLI_USAGE.*must be text or json, got yaml/);
  }, 180_000);
});
