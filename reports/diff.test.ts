import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMisuse } from '../openapi/errors.ts';
import { diffReports, readReport, renderDiff } from './diff.ts';
import { buildReport } from './model.ts';
import { renderJson } from './renderers/json.ts';
import { findingOn, makeResult, sampleRun, withFindings } from './test-fixtures.ts';

describe('diffReports', () => {
  const { meta, results } = sampleRun();
  const before = buildReport(meta, results);
  const fixedP1 = results.map((r) =>
    r.case_id === 'p1'
      ? { ...r, findings: [], verdict: 'pass' as const, actual: { status: 403, code: 'forbidden' } }
      : r,
  );
  const n = makeResult({
    case_id: 'c001',
    resource: 'acc_1',
    expected: { status: 200, code: null, clause: 'C-BODY-1', because: 'allowed', level: 'must' },
  });
  const broken = fixedP1
    .map((r) =>
      r.case_id === 'c001'
        ? withFindings(n, [findingOn(n, { check: 'body_schema', message: 'body does not match the 200 schema' })])
        : r,
    )
    .filter((r) => r.case_id !== 'p2');
  const after = buildReport(meta, broken);
  const d = diffReports(before, after);

  it('sorts MUST findings into new, fixed, still failing and not retested', () => {
    expect(d.new_failures.map((f) => [f.case_id, f.check])).toEqual([['c001', 'body_schema']]);
    expect(d.fixed.map((f) => f.case_id)).toEqual(['p1']);
    expect(d.not_retested.map((f) => f.case_id)).toEqual(['p2']);
    expect(d.still_failing.map((f) => f.case_id)).toEqual(['a1', 'p3', 's1', 'a1']);
  });

  it('reports how coverage and conformance moved', () => {
    expect(d.coverage).toEqual({ before: 0.6, after: 0.5667, delta: -0.0333 });
    expect(d.conformance.before).toBe(0.7222);
    expect(d.conformance.after).toBe(0.7647);
    expect(d.families.map((f) => f.id)).toContain('C-PERM');
    expect(d.operations.map((o) => o.id)).toEqual(['getAccount']);
  });

  it('is empty for the same report', () => {
    const same = diffReports(before, before);
    expect(same).toMatchObject({ new_failures: [], fixed: [], not_retested: [], families: [], operations: [] });
    expect(same.still_failing).toHaveLength(6);
    expect(renderDiff(same)).toContain('(unchanged)');
  });

  it('renders a readable text form', () => {
    const t = renderDiff(d);
    expect(t).toContain('Conformance 72.2% -> 76.5% (+4.3 pts)');
    expect(t).toMatch(/New failures \(1\):\n {2}C-BODY-1 getAccount full-org1 body_schema/);
    expect(t).toContain('Fixed (1):');
    expect(t).toContain('Not retested (1):');
  });

  it('reads report.json back, refusing garbage with REPORT_READ_FAILED', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-diff-'));
    writeFileSync(join(dir, 'report.json'), renderJson(before));
    expect(readReport(dir)).toEqual(before);
    writeFileSync(join(dir, 'bad.json'), '{"schema_version":1}');
    for (const p of [join(dir, 'bad.json'), join(dir, 'none.json')]) {
      let err: unknown;
      try {
        readReport(p);
      } catch (e) {
        err = e;
      }
      expect(isMisuse(err, 'REPORT_READ_FAILED')).toBe(true);
    }
  });
});
