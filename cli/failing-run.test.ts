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
  }, 120_000);
});
