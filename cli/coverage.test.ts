/**
 * Honest coverage: cells the mutations policy leaves out count as defined and untested, so a
 * `denied-only` run of a correct server reports coverage below 100 % and says why; the same
 * target under `all` reaches 100 %.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../mock/serve.ts';
import type { ComplianceReport } from '../reports/model.ts';
import { cli } from './test-helpers.ts';

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-coverage-'));
});
afterAll(async () => mock.close());

async function runWith(mutations: string, out: string): Promise<{ report: ComplianceReport; stdout: string }> {
  const profile = join(dir, `${mutations}.json`);
  writeFileSync(profile, JSON.stringify({ ...mock.profile, mutations }));
  const r = await cli([
    'run',
    '--profile',
    profile,
    '--only',
    'createTransfer',
    '--fuzz',
    '0',
    '--out',
    join(dir, out),
  ]);
  expect(r.code, r.stderr).toBe(0);
  return { report: JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8')), stdout: r.stdout };
}

describe('coverage counts what the mutations policy left out', () => {
  it('is below 100 % under denied-only, with the left-out cells named, and conformance untouched', async () => {
    const denied = await runWith('denied-only', 'denied');
    const all = await runWith('all', 'all');
    const d = denied.report.score.overall;
    const a = all.report.score.overall;
    expect(d.withheld).toBeGreaterThan(0);
    expect(a.withheld).toBe(0);
    expect(d.conformance).toBe(1);
    expect(denied.stdout).toMatch(new RegExp(`${d.withheld} left out by mutations: denied-only`));
    const op = (r: ComplianceReport) => r.score.operations.find((o) => o.operation_id === 'createTransfer')!;
    expect(op(all.report).coverage).toBe(1);
    expect(op(denied.report).coverage!).toBeLessThan(1);
  }, 120_000);
});
