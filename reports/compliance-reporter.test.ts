import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redactor } from '../generators/redaction.ts';
import ComplianceReporter, { collectResults, REPORT_GLOBAL, REPORT_PATHS_GLOBAL, reportFromGlobal, RUN_META_GLOBAL, type ModuleLike } from './compliance-reporter.ts';
import { readShardResults } from './merge.ts';
import { buildReport, reportContent } from './model.ts';
import type { CaseResult } from '../suites/results.ts';
import { sampleRun } from './test-fixtures.ts';

const slot = globalThis as unknown as Record<string, unknown>;

/** Fake vitest modules: tests carrying `meta().seqconform.results`, and some carrying nothing. */
function modules(results: CaseResult[]): ModuleLike[] {
  const half = Math.ceil(results.length / 2);
  const test = (rs: CaseResult[] | undefined) => ({ meta: () => (rs ? { seqconform: { results: rs } } : {}) });
  return [
    { children: { allTests: () => [test(results.slice(0, 3)), test(undefined), test(results.slice(3, half))] } },
    { children: { allTests: () => [test(results.slice(half)), test(undefined)] } },
  ];
}

afterEach(() => {
  delete slot[RUN_META_GLOBAL];
  delete slot[REPORT_GLOBAL];
  delete slot[REPORT_PATHS_GLOBAL];
  delete process.env.SEQCONFORM_OUT;
  delete process.env.SEQCONFORM_BASELINE;
});

describe('ComplianceReporter', () => {
  const { meta, results } = sampleRun();

  it('collects every result from every test, last result per case', () => {
    expect(collectResults(modules(results)).map((r) => r.case_id).sort()).toEqual(results.map((r) => r.case_id).sort());
    const retried = { ...results[0]!, verdict: 'fail' as const };
    expect(collectResults([...modules(results), { children: { allTests: () => [{ meta: () => ({ seqconform: { results: [retried] } }) }] } }]).find((r) => r.case_id === retried.case_id)!.verdict).toBe('fail');
  });

  it('does nothing without run meta', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'seqconform-rep-')), 'out');
    const rep = new ComplianceReporter({ outDir: dir });
    rep.onTestRunEnd(modules(results) as never);
    expect(existsSync(dir)).toBe(false);
    expect(reportFromGlobal()).toBeUndefined();
  });

  it('builds, writes and publishes the report, with the baseline and output dir from the environment', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'seqconform-rep-')), 'out');
    const baseline = join(dir, '..', 'baseline.yaml');
    writeFileSync(baseline, 'accepted:\n  - case_id: s1\n    reason: known\n');
    process.env.SEQCONFORM_OUT = dir;
    process.env.SEQCONFORM_BASELINE = baseline;
    slot[RUN_META_GLOBAL] = meta;
    const rep = new ComplianceReporter();
    rep.onTestRunStart();
    rep.onTestRunEnd(modules(results) as never);
    const report = reportFromGlobal()!;
    expect(report.summary).toMatchObject({ cases: 19, failed: 4, accepted: 1 });
    expect(report.timing.duration_ms).toBeGreaterThanOrEqual(0);
    for (const f of ['report.json', 'report.html', 'report.md', 'junit.xml', 'results.json']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(report);
    const shard = readShardResults(dir);
    expect(reportContent(buildReport(shard.meta, shard.results, { baseline: { accepted: [{ case_id: 's1', reason: 'known' }] } }))).toEqual(reportContent(report));
    expect(Object.keys(slot[REPORT_PATHS_GLOBAL] as object).sort()).toEqual(['html', 'json', 'junit', 'markdown', 'masked', 'results']);
  });

  it('fails loudly on a bad baseline', () => {
    slot[RUN_META_GLOBAL] = meta;
    const rep = new ComplianceReporter({ outDir: join(mkdtempSync(join(tmpdir(), 'seqconform-rep-')), 'out'), baseline: '/nonexistent/baseline.yaml' });
    expect(() => rep.onTestRunEnd(modules(results) as never)).toThrow(/REPORT_READ_FAILED/);
  });
});

describe('ComplianceReporter secret guard', () => {
  it('masks a secret a result holds, writes the report anyway, and says so', () => {
    const { meta, results } = sampleRun();
    const secret = 'sk_test_guard_Q2w3E4r5T6y7';
    const leaky = results.map((r, i) => (i === 0 ? { ...r, variant: `sent ${secret}` } : r));
    slot[RUN_META_GLOBAL] = meta;
    const dir = join(mkdtempSync(join(tmpdir(), 'seqconform-rep-')), 'out');
    new ComplianceReporter({ outDir: dir, redactor: new Redactor([{ id: 'guard', secret }]) }).onTestRunEnd(modules(leaky) as never);
    const json = readFileSync(join(dir, 'report.json'), 'utf8');
    expect(json.includes(secret.slice(0, 12))).toBe(false);
    expect(JSON.parse(json).observations).toEqual([expect.objectContaining({ kind: 'masked_at_write', key_id: 'guard', fields: ['cases[].variant'] })]);
    expect(readFileSync(join(dir, 'results.json'), 'utf8').includes(secret.slice(0, 12))).toBe(false);
  });
});
