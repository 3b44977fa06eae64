import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../suites/results.ts';
import { causesToShow, severityOf } from './causes.ts';
import { buildReport } from './model.ts';
import { renderMarkdown } from './renderers/markdown.ts';
import { renderSummary } from './renderers/summary.ts';
import { findingOn, makeMeta, makeResult, withFindings } from './test-fixtures.ts';

const OPS = makeMeta().operations!;

/** A run with a request-id bug on every operation (many findings) and one card leak (a single cell). */
function leakAndRequestIdRun(): CaseResult[] {
  const results: CaseResult[] = [];
  for (const [i, op] of OPS.entries())
    for (const k of ['full-org1', 'one-org1']) {
      const r = makeResult({
        case_id: `r${i}${k}`,
        operation_id: op,
        key_id: k,
        expected: { status: 200, code: null, clause: 'C-REQID-1', because: 'every response', level: 'must' },
      });
      results.push(
        withFindings(r, [
          findingOn(r, {
            check: 'request_id_echo',
            clause: 'C-REQID-1',
            message: `X-Request-ID not echoed (sent req_${i}${k})`,
          }),
        ]),
      );
    }
  const leak = makeResult({
    case_id: 'leak',
    operation_id: 'getCard',
    key_id: 'one-org1',
    resource: 'card_9',
    expected: {
      status: 403,
      code: 'forbidden',
      clause: 'C-PERM-4',
      because: 'card_9 is not in READ_CARDS',
      level: 'must',
    },
    actual: { status: 200, code: null },
  });
  results.push(withFindings(leak, [findingOn(leak)]));
  return results;
}

describe('root causes', () => {
  const report = buildReport(makeMeta(), leakAndRequestIdRun());

  it('joins one deviation across operations into one cause listing them', () => {
    const reqid = report.causes.filter((c) => c.clause === 'C-REQID-1');
    expect(reqid).toHaveLength(1);
    expect(reqid[0]!.operations).toHaveLength(OPS.length);
    expect(reqid[0]!.finding_ids).toHaveLength(OPS.length);
    expect(reqid[0]!.count).toBe(OPS.length * 2);
    expect(report.findings.length).toBe(OPS.length + 1);
  });

  it('puts an exposure (a refused request answered 2xx) in the breach tier first', () => {
    expect(report.causes[0]).toMatchObject({
      clause: 'C-PERM-4',
      severity: 'breach',
      exposed: true,
      operations: ['getCard'],
      count: 1,
    });
    const s = renderSummary(report);
    const failures = s.slice(s.indexOf('Failures, most serious first:')).split('\n');
    expect(failures[1]).toMatch(/^ {2}C-PERM-4 status_matches_oracle \[EXPOSED\] on getCard x1:/);
    expect(failures[2]).toMatch(/^ {2}C-REQID-1 request_id_echo on 13 operations x26:/);
    expect(s).toContain("export KEY_ONE_ORG1='<secret of key one-org1>'");
    const md = renderMarkdown(report);
    const rows = md.split('\n').filter((l) => l.startsWith('| Authorization') || l.startsWith('| Shapes'));
    expect(rows[0]).toContain('C-PERM-4');
    expect(rows[1]).toContain('C-REQID-1');
  });

  it('orders severities: breach, state, validation, shape', () => {
    expect(
      ['C-ORG-1', 'C-AUTH-2', 'C-STATE-4', 'C-LIST-3', 'C-VAL-2', 'C-FOUND-1', 'C-BODY-1', 'C-REQID-1'].map(severityOf),
    ).toEqual(['breach', 'breach', 'state', 'state', 'validation', 'validation', 'shape', 'shape']);
  });

  it('never hides a family behind "and N more": every family keeps its first cause', () => {
    const results: CaseResult[] = [];
    for (let i = 0; i < 12; i++) {
      const r = makeResult({
        case_id: `v${i}`,
        variant: `variant ${String.fromCharCode(97 + i)}`,
        expected: { status: 400, code: 'invalid_request', clause: 'C-VAL-2', because: 'bad', level: 'must' },
        actual: { status: 500, code: null },
      });
      results.push(withFindings(r, [findingOn(r, { check: `check_${i}` })]));
    }
    const lone = makeResult({
      case_id: 'zz',
      expected: { status: 200, code: null, clause: 'C-REQID-1', because: 'x', level: 'must' },
    });
    results.push(withFindings(lone, [findingOn(lone, { check: 'request_id_echo', clause: 'C-REQID-1' })]));
    const causes = buildReport(makeMeta(), results).causes;
    expect(causes).toHaveLength(13);
    const shown = causesToShow(causes, 5);
    expect(shown).toHaveLength(5);
    expect(shown.at(-1)!.clause).toBe('C-REQID-1');
    expect(renderSummary(buildReport(makeMeta(), results))).toMatch(/C-REQID-1 request_id_echo[\s\S]*…and 8 more/);
  });

  it('joins one fault seen with other credentials or other expected answers, and splits robustness kinds', () => {
    const results: CaseResult[] = [];
    for (const [i, credential] of ['unknown', 'suffixed', 'truncated'].entries()) {
      const r = makeResult({
        case_id: `k${i}`,
        key_id: null,
        credential,
        variant: `${credential} key`,
        expected: { status: 401, code: 'unauthorized', clause: 'C-AUTH-1', because: 'bad key', level: 'must' },
        actual: { status: 403, code: 'forbidden' },
      });
      results.push(withFindings(r, [findingOn(r)]));
    }
    for (const [i, status] of [404, 403, 200].entries()) {
      const r = makeResult({
        case_id: `c${i}`,
        expected: { status, code: null, clause: 'C-PERM-2', because: 'x', level: 'must' },
        actual: { status: 500, code: null },
      });
      results.push(withFindings(r, [findingOn(r, { check: 'no_5xx', clause: 'C-BODY-3' })]));
    }
    for (const [i, kind] of ['ids of GET /accounts/{account_id}', 'body of POST /transfers'].entries()) {
      const r = makeResult({
        case_id: `z${i}`,
        kind: 'scenario',
        resource: kind,
        variant: 'robustness',
        expected: { status: null as unknown as number, code: null, clause: 'C-BODY-3', because: 'x', level: 'must' },
        actual: { status: 500, code: null },
      });
      results.push(
        withFindings(r, [findingOn(r, { check: 'robust_on_unusual_requests', clause: 'C-BODY-3', resource: kind })]),
      );
    }
    const causes = buildReport(makeMeta(), results).causes;
    expect(causes.filter((c) => c.clause === 'C-AUTH-1')).toHaveLength(1);
    expect(causes.filter((c) => c.check === 'no_5xx')).toHaveLength(1);
    expect(causes.filter((c) => c.check === 'robust_on_unusual_requests')).toHaveLength(2);
  });

  it('counts a refusal that carries the resource (C-PERM-8) as an exposure, first in its tier', () => {
    const leak = makeResult({
      case_id: 'l1',
      operation_id: 'getCard',
      expected: { status: 403, code: 'forbidden', clause: 'C-PERM-4', because: 'x', level: 'must' },
      actual: { status: 403, code: 'forbidden' },
    });
    const auth = makeResult({
      case_id: 'a1',
      key_id: null,
      credential: 'unknown',
      expected: { status: 401, code: 'unauthorized', clause: 'C-AUTH-1', because: 'x', level: 'must' },
      actual: { status: 403, code: 'forbidden' },
    });
    const causes = buildReport(makeMeta(), [
      withFindings(auth, [findingOn(auth)]),
      withFindings(leak, [findingOn(leak, { check: 'no_resource_leak', clause: 'C-PERM-8' })]),
    ]).causes;
    expect(causes[0]).toMatchObject({ check: 'no_resource_leak', exposed: true });
  });
});
