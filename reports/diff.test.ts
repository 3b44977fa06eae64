import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMisuse } from '../openapi/errors.ts';
import { diffExitCode, diffReports, readReport, renderDiff } from './diff.ts';
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
    expect(t).toMatch(
      /New failures \(1 in 1 root cause\):\n {2}Shapes, bodies and request IDs:\n {4}C-BODY-1 body_schema: body does not match the 200 schema\n {8}1 operation: getAccount; 1 finding; keys full-org1; e.g. case c001/,
    );
    expect(t).toContain('Fixed (1 in 1 root cause):');
    expect(t).toContain('Not retested (1 in 1 root cause):');
    expect(t).not.toMatch(/^warning:/m);
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

describe('diff as a CI gate', () => {
  const { meta, results } = sampleRun();
  const before = buildReport(meta, results);
  const OPS = ['listAccounts', 'getAccount', 'listTransfers', 'getTransfer'];
  /** A new 200 where 403 was due on every operation by one key, and a request-id slip on two. */
  function broken() {
    const out = [...results];
    OPS.forEach((op, i) => {
      const r = makeResult({
        case_id: `leak${i}`,
        operation_id: op,
        key_id: 'none-org1',
        resource: `acc_9${i}`,
        expected: { status: 403, code: 'forbidden', clause: 'C-PERM-3', because: 'no scope', level: 'must' },
        actual: { status: 200, code: null },
      });
      out.push(withFindings(r, [findingOn(r)]));
    });
    for (const op of OPS.slice(0, 2)) {
      const r = makeResult({
        case_id: `rid-${op}`,
        operation_id: op,
        expected: { status: 200, code: null, clause: 'C-REQID-1', because: 'allowed', level: 'must' },
      });
      out.push(withFindings(r, [findingOn(r, { check: 'request_id_echo', message: 'no X-Request-ID header' })]));
    }
    return out;
  }
  const after = buildReport({ ...meta, selected: (meta.selected ?? 0) + 6 }, broken());
  const d = diffReports(before, after);

  it('joins one deviation across operations into one cause, the breach before the request ids', () => {
    expect(d.new_failures).toHaveLength(6);
    expect(d.causes.new_failures.map((c) => [c.clause, c.check, c.operations.length, c.count])).toEqual([
      ['C-PERM-3', 'status_matches_oracle', 4, 4],
      ['C-REQID-1', 'request_id_echo', 2, 2],
    ]);
    const leak = d.causes.new_failures[0]!;
    expect(leak).toMatchObject({ severity: 'breach', exposed: true, keys: ['none-org1'] });
    expect(leak.operations).toEqual([...OPS].sort());
    // Four finding groups (one per operation, as in the report), one cause.
    expect(new Set(d.new_failures.filter((f) => f.clause === 'C-PERM-3').map((f) => f.finding_id)).size).toBe(4);
    expect(leak.finding_ids).toHaveLength(4);
    const t = renderDiff(d);
    expect(t).toContain('New failures (6 in 2 root causes):');
    expect(t.indexOf('C-PERM-3')).toBeLessThan(t.indexOf('C-REQID-1'));
    expect(t).toContain(
      '4 operations: getAccount, getTransfer, listAccounts, listTransfers; 4 findings; keys none-org1',
    );
  });

  it('--fail-on-new exits 1 on new MUST failures; without it 0; accepted ones do not gate', () => {
    expect(diffExitCode(d)).toBe(0);
    expect(diffExitCode(d, { failOnNew: true })).toBe(1);
    expect(diffExitCode(diffReports(before, before), { failOnNew: true })).toBe(0);
    // Fixing things is not a failure either.
    expect(diffExitCode(diffReports(after, before), { failOnNew: true })).toBe(0);
    const baseline = {
      accepted: after.findings
        .filter((g) => ['C-PERM-3', 'C-REQID-1'].includes(g.clause))
        .map((g) => ({ finding_id: g.finding_id, reason: 'known' })),
    };
    const accepted = buildReport({ ...meta, selected: (meta.selected ?? 0) + 6 }, broken(), { baseline });
    const da = diffReports(before, accepted);
    expect(da.new_failures.every((f) => f.accepted)).toBe(true);
    expect(da.new_failures).toHaveLength(6);
    expect(diffExitCode(da, { failOnNew: true })).toBe(0);
    expect(renderDiff(da)).toContain('4 findings, 4 accepted');
  });

  it('--strict also gates on new SHOULD deviations', () => {
    const r = makeResult({
      case_id: 'should1',
      expected: { status: 200, code: null, clause: 'C-REQID-3', because: 'allowed', level: 'should' },
    });
    const more = buildReport({ ...meta, selected: (meta.selected ?? 0) + 1 }, [
      ...results,
      withFindings(r, [findingOn(r, { check: 'request_id_format', level: 'should', message: 'odd id' })]),
    ]);
    const ds = diffReports(before, more);
    expect(ds.new_failures).toEqual([]);
    expect(ds.new_warnings.map((f) => f.case_id)).toEqual(['should1']);
    expect(diffExitCode(ds, { failOnNew: true })).toBe(0);
    expect(diffExitCode(ds, { failOnNew: true, strict: true })).toBe(1);
    expect(diffExitCode(ds, { strict: true })).toBe(0);
  });

  it('warns when target, contract version, key ids, seed or fuzz differ', () => {
    const other = buildReport(
      {
        ...meta,
        target: { base_url: 'https://staging.example.com/api/v1', embedded: false },
        spec_version: '2.0.0',
        seed: 7,
        fuzz: 50,
        keys: meta.keys.slice(1),
      },
      results,
    );
    const dm = diffReports(before, other);
    expect(dm.mismatches.map((m) => m.field)).toEqual(['target', 'spec_version', 'keys', 'seed', 'fuzz']);
    const t = renderDiff(dm);
    expect(t.split('\n')[0]).toBe(
      'warning: the runs differ in target base_url (A: http://127.0.0.1:4010/api/v1; B: https://staging.example.com/api/v1): new and fixed failures may come from that, not from the server',
    );
    expect(t).toMatch(/^warning: the runs differ in key ids \(A: full-org1, /m);
    // Two embedded runs: each mock had a port of its own, which is no difference.
    const moved = buildReport(
      { ...meta, target: { base_url: 'http://127.0.0.1:5555/api/v1', embedded: true } },
      results,
    );
    expect(diffReports(before, moved).mismatches).toEqual([]);
  });
});
