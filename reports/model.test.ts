import { describe, expect, it } from 'vitest';
import { buildReport, exitCodeOf, findingId, messageShape, reportContent, runVerdict } from './model.ts';
import { findingOn, makeMeta, makeResult, sampleRun, withFindings } from './test-fixtures.ts';

describe('buildReport', () => {
  const { meta, results } = sampleRun();
  const report = buildReport(meta, results, { durationMs: 1234 });

  it('counts cases by verdict, and the counts add up', () => {
    expect(report.summary).toEqual({
      selected: 19,
      cases: 19,
      passed: 12,
      failed: 5,
      warnings: 1,
      not_sent: 0,
      errors: 1,
      accepted: 0,
    });
    const s = report.summary;
    expect(s.passed + s.failed + s.warnings + s.not_sent + s.errors + s.accepted).toBe(s.cases);
    expect(report.accounting).toEqual({ selected: 19, recorded: 19, ok: true, problems: [] });
  });

  it('scores coverage (tested ÷ defined) and conformance (passed ÷ tested) over cells and scenarios', () => {
    expect(report.score.overall).toEqual({
      cells_defined: 30,
      tested: 18,
      passed: 13,
      coverage: 0.6,
      conformance: 0.7222,
      withheld: 0,
      key_classes: { reached: 2, total: 3 },
    });
    expect(report.score.scenarios).toEqual({ tested: 1, passed: 0 });
  });

  it('judges each family over its own cells, cells its one-family checks ran on, and cells citing it', () => {
    const fam = Object.fromEntries(report.score.families.map((f) => [f.family, f]));
    expect(report.score.families.map((f) => f.family)).toEqual([
      'C-AUTH',
      'C-PERM',
      'C-ORG',
      'C-VAL',
      'C-FOUND',
      'C-STATE',
      'C-REQID',
      'C-BODY',
      'C-LIST',
      'C-RATE',
    ]);
    expect(fam['C-PERM']).toMatchObject({
      tested: 15,
      sent: 15,
      passed: 12,
      failures: 3,
      warnings: 0,
      findings: 3,
      cells_defined: null,
      coverage: null,
    });
    expect(fam['C-AUTH']).toMatchObject({ tested: 1, passed: 0, failures: 1, conformance: 0 });
    // body_schema (a C-BODY check) ran on every judged cell; one of them carries a C-BODY-3 finding.
    expect(fam['C-BODY']).toMatchObject({ tested: 17, sent: 0, passed: 16, failures: 1, findings: 1 });
    expect(fam['C-REQID']).toMatchObject({ tested: 1, passed: 1, warnings: 1 });
    expect(fam['C-STATE']).toMatchObject({ tested: 1, passed: 0, failures: 1 });
    expect(fam['C-ORG']).toMatchObject({ tested: 0, conformance: null, failures: 0 });
  });

  it('never lets a figure contradict the failures beside it (one counting rule)', () => {
    const parts = [
      ...report.score.families.map((f) => ({ ...f, label: f.family })),
      ...report.score.operations.map((o) => ({ ...o, label: o.operation_id })),
    ];
    for (const p of parts) {
      expect(p.passed + p.failures + p.accepted, p.label).toBe(p.tested);
      if (p.failures === 0 && p.accepted === 0 && p.tested) expect(p.conformance, p.label).toBe(1);
      if (p.findings > 0) expect(p.failures + p.warnings + p.accepted, p.label).toBeGreaterThan(0);
    }
    // A request-id fault on every cell shows in the C-REQID figures, not as 100 %.
    const cells = Array.from({ length: 6 }, (_, i) => {
      const r = makeResult({ case_id: `q${i}`, checks: ['status_matches_oracle', 'request_id_echo'] });
      return withFindings(r, [findingOn(r, { check: 'request_id_echo', clause: 'C-REQID-1' })]);
    });
    const reqid = buildReport(makeMeta(), cells).score.families.find((f) => f.family === 'C-REQID')!;
    expect(reqid).toMatchObject({ tested: 6, failures: 6, conformance: 0, findings: 6 });
    const perm = buildReport(makeMeta(), cells).score.families.find((f) => f.family === 'C-PERM')!;
    expect(perm).toMatchObject({ tested: 6, failures: 0, conformance: 1 });
    // Every answer a 500: the permission cells fail as C-PERM cells too, and so do their requirements.
    const crashed = Array.from({ length: 4 }, (_, i) => {
      const r = makeResult({
        case_id: `x${i}`,
        expected: { status: 403, code: 'forbidden', clause: 'C-PERM-3', because: 'no scope', level: 'must' },
        actual: { status: 500, code: null },
      });
      return withFindings(r, [findingOn(r, { check: 'no_5xx', clause: 'C-BODY-3' })]);
    });
    const rep = buildReport(makeMeta(), crashed, {
      requirements: [
        {
          id: 'C-PERM-3.1',
          clause: 'C-PERM-3',
          level: 'must',
          sentence: 's',
          says: 's',
          checks: ['status_matches_oracle'],
          cells: [{ clause: 'C-PERM-3' }],
        },
      ],
    });
    expect(rep.score.families.find((f) => f.family === 'C-PERM')).toMatchObject({
      tested: 4,
      failures: 4,
      conformance: 0,
    });
    expect(rep.requirements[0]).toMatchObject({ status: 'fail', failed: 4, passed: 0 });
  });

  it('scores operations, with coverage when the run gives cells per operation', () => {
    const op = report.score.operations.find((o) => o.operation_id === 'getAccount')!;
    expect(op).toMatchObject({ tested: 6, passed: 3, failures: 3 });
    const withDefined = buildReport(
      {
        ...meta,
        cells_defined_by_operation: { getAccount: 12 },
        cells_defined_by_family: { 'C-PERM': 20 },
      } as typeof meta,
      results,
    );
    expect(withDefined.score.operations.find((o) => o.operation_id === 'getAccount')).toMatchObject({
      cells_defined: 12,
      coverage: 0.5,
    });
    expect(withDefined.score.families.find((f) => f.family === 'C-PERM')).toMatchObject({
      cells_defined: 20,
      coverage: 0.75,
    });
  });

  it('lists failures (MUST) and warnings (SHOULD) with everything to reproduce them', () => {
    expect(report.failures).toHaveLength(6);
    expect(report.warnings).toHaveLength(1);
    for (const f of [...report.failures, ...report.warnings])
      for (const k of [
        'case_id',
        'check',
        'clause',
        'level',
        'operation_id',
        'key_id',
        'expected',
        'actual',
        'message',
        'curl',
        'finding_id',
      ])
        expect(f).toHaveProperty(k);
    expect(report.failures.map((f) => f.clause)).toEqual([
      'C-AUTH-1',
      'C-PERM-4',
      'C-PERM-4',
      'C-PERM-4',
      'C-STATE-4',
      'C-BODY-3',
    ]);
  });

  it('groups findings of one check, clause, operation and message shape, with a content id', () => {
    expect(report.findings).toHaveLength(5);
    const perm = report.findings.find((g) => g.clause === 'C-PERM-4')!;
    expect(perm).toMatchObject({
      count: 3,
      accepted: 0,
      level: 'must',
      check: 'status_matches_oracle',
      operation_id: 'getAccount',
      keys: ['one-org1'],
    });
    expect(perm.examples.map((e) => e.case_id)).toEqual(['p1', 'p2', 'p3']);
    expect(perm.finding_id).toMatch(/^[0-9a-f]{16}$/);
    const ex = perm.examples[0]!;
    const cell = results.find((r) => r.case_id === ex.case_id)!;
    expect(perm.finding_id).toBe(
      findingId(ex, {
        credential: cell.credential,
        expected_status: cell.expected.status,
        actual_status: cell.actual?.status ?? null,
      }),
    );
    expect(perm.clause_text).toMatch(/403 forbidden/);
  });

  it('keeps at most five examples per group', () => {
    const rs = Array.from({ length: 8 }, (_, i) => {
      const r = makeResult({
        case_id: `x${i}`,
        resource: `acc_${i}`,
        expected: { status: 403, code: 'forbidden', clause: 'C-PERM-4', because: `acc_${i} not listed`, level: 'must' },
        actual: { status: 200, code: null },
      });
      return withFindings(r, [findingOn(r)]);
    });
    const g = buildReport(makeMeta(), rs).findings;
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ count: 8 });
    expect(g[0]!.examples).toHaveLength(5);
  });

  it('lists every case compactly, with its verdict and finding checks', () => {
    expect(report.cases).toHaveLength(19);
    const a1 = report.cases.find((c) => c.case_id === 'a1')!;
    expect(a1).toEqual({
      case_id: 'a1',
      kind: 'case',
      clause: 'C-AUTH-1',
      family: 'C-AUTH',
      group: 'authn',
      operation_id: 'listTransfers',
      key_id: null,
      credential: 'none',
      resource: 'none',
      variant: 'no Authorization header',
      expected_status: 401,
      expected_code: 'unauthorized',
      actual_status: 500,
      actual_code: null,
      verdict: 'fail',
      checks: ['no_5xx', 'status_matches_oracle'],
    });
    expect(report.cases.find((c) => c.case_id === 'e1')).toMatchObject({
      verdict: 'error',
      target_error: 'ECONNRESET: socket hang up',
    });
  });

  it('carries run facts, key ids without secrets, coverage rows and what was not generated', () => {
    expect(report).toMatchObject({
      schema_version: 1,
      tool: { version: '0.1.0' },
      spec_version: '1.0.0-test',
      target: { base_url: 'http://127.0.0.1:4010/api/v1' },
      seed: 42,
      strict: false,
      mutations: 'all',
    });
    expect(report.keys.map((k) => k.id)).toEqual(['full-org1', 'full-org2', 'none-org1', 'one-org1', 'revoked-org1']);
    expect(report.coverage.rows.find((r) => !r.covered)?.id).toBe('READ_CARDS:union');
    expect(report.coverage.not_generated).toHaveLength(2);
    expect(report.timing).toMatchObject({ duration_ms: 1234, started_at: meta.started_at, cases_ms: 57 });
    expect(report.checks.map((c) => c.id)).toContain('no_5xx');
    expect(report.checks.find((c) => c.id === 'no_5xx')!.clauses).toEqual(['C-BODY-3']);
  });

  it('is deterministic: shuffled input gives the same content', () => {
    const shuffled = [...results].reverse();
    const other = buildReport(
      { ...meta, keys: [...meta.keys].reverse(), not_generated: [...meta.not_generated].reverse() },
      shuffled,
      { durationMs: 99 },
    );
    expect(JSON.stringify(reportContent(other))).toBe(JSON.stringify(reportContent(report)));
  });

  it('counts a case not sent apart from tested ones, with why', () => {
    const r = buildReport(makeMeta(), [
      makeResult({ case_id: 'k1', actual: null, verdict: 'not_sent', not_sent: 'breaker open' }),
      makeResult({ case_id: 'k2' }),
    ]);
    expect(r.summary).toMatchObject({ cases: 2, passed: 1, not_sent: 1 });
    expect(r.cases.find((c) => c.case_id === 'k1')).toMatchObject({ verdict: 'not_sent', not_sent: 'breaker open' });
    expect(r.score.overall).toMatchObject({ tested: 1, passed: 1 });
  });

  it('fails the accounting when the cells recorded are not the cells selected, or a cell has two results', () => {
    const r = buildReport(makeMeta({ selected: 3 }), [makeResult({ case_id: 'k1' }), makeResult({ case_id: 'k2' })]);
    expect(r.accounting.ok).toBe(false);
    expect(r.accounting.problems).toEqual(['3 cells were selected but 2 recorded']);
    expect(r.outcome).toMatchObject({ outcome: 'INCOMPLETE', exit: 2 });
    const twice = buildReport(makeMeta({ selected: 2 }), [
      makeResult({ case_id: 'k1' }),
      makeResult({ case_id: 'k1' }),
    ]);
    expect(twice.accounting.problems).toContain('cell k1 has more than one result');
  });

  it('gives null ratios for empty denominators', () => {
    const r = buildReport(makeMeta({ cells_defined: 0 }), []);
    expect(r.score.overall).toMatchObject({
      cells_defined: 0,
      tested: 0,
      passed: 0,
      coverage: null,
      conformance: null,
    });
    expect(r.summary.cases).toBe(0);
  });
});

describe('runVerdict', () => {
  const ok = makeResult({ case_id: 'ok' });
  const bad = withFindings(makeResult({ case_id: 'bad' }), [
    findingOn(makeResult({ case_id: 'bad' }), { level: 'must' }),
  ]);
  const err = makeResult({
    case_id: 'err',
    actual: null,
    verdict: 'error',
    target_error: 'GET /cards: ECONNRESET (after 3 attempts)',
  });
  const unsent = makeResult({
    case_id: 'ns',
    actual: null,
    verdict: 'not_sent',
    not_sent: 'the target stopped answering',
  });

  it.each([
    ['every cell judged, none failed', [ok], {}, 'PASS', 0],
    ['a MUST failed', [ok, bad], {}, 'FAIL', 1],
    ['a MUST failed and a cell is a target error: still FAIL', [bad, err], {}, 'FAIL', 1],
    ['a target error and nothing failed', [ok, err], {}, 'INCOMPLETE', 2],
    ['a cell not sent', [ok, unsent], {}, 'INCOMPLETE', 2],
    [
      'the run stopped early',
      [ok],
      { stopped: 'the target stopped answering: 10 consecutive connection failures' },
      'INCOMPLETE',
      2,
    ],
  ] as const)('%s: %s, exit %s', (_name, results, opts, word, exit) => {
    const r = buildReport(makeMeta({ selected: results.length }), [...results], opts);
    expect(runVerdict(r)).toMatchObject({ outcome: word, exit });
    expect(r.outcome.outcome).toBe(word);
  });

  it('never says PASS when it exits 2', () => {
    const r = buildReport(makeMeta({ selected: 2 }), [ok, err]);
    expect(r.outcome.outcome).not.toBe('PASS');
    expect(r.outcome.reason).toMatch(/1 of 2 cells not judged/);
  });
});

describe('exitCodeOf', () => {
  const pass = buildReport(makeMeta(), [makeResult({ case_id: 'ok' })]);
  const w = makeResult({ case_id: 'w' });
  const warned = buildReport(makeMeta(), [withFindings(w, [findingOn(w, { level: 'should', message: 'should' })])]);
  const { meta, results } = sampleRun();

  it('is 0 without MUST failures, 1 with', () => {
    expect(exitCodeOf(pass)).toBe(0);
    expect(exitCodeOf(buildReport(meta, results))).toBe(1);
  });

  it('fails warnings only under strict', () => {
    expect(exitCodeOf(warned, false)).toBe(0);
    expect(exitCodeOf(warned, true)).toBe(1);
    expect(
      exitCodeOf(buildReport(makeMeta({ strict: true }), [withFindings(w, [findingOn(w, { level: 'should' })])])),
    ).toBe(1);
  });
});

describe('messageShape', () => {
  it('blanks IDs and counts but keeps HTTP statuses', () => {
    expect(messageShape('expected 403 because acc_01HX9 is not listed; got 200')).toBe(
      'expected 403 because <id> is not listed; got 200',
    );
    expect(messageShape('generated X-Request-ID 3f2b8c1e-1111-4222-8333-123456789abc was already used')).toBe(
      'generated X-Request-ID <id> was already used',
    );
    expect(messageShape('page holds 25 items, first=20')).toBe('page holds <n> items, first=<v>');
  });

  it('blanks key ids, quoted values and cuts trailing ID lists', () => {
    expect(
      messageShape("expected 403 because card_1 links to acc_2, none in key other-narrow's READ_CARDS list; got 200", [
        'other-narrow',
        'other',
      ]),
    ).toBe("expected 403 because <id> links to <id>, none in key <key>'s READ_CARDS list; got 200");
    const a = messageShape(
      '3 item(s) break a filter: txr_1: direction is "internal", filter direction=money_in; txr_2: direction is "internal", filter direction=money_in',
    );
    const b = messageShape('1 item(s) break a filter: txr_9: direction is "money_in", filter direction=internal');
    expect(a).toBe('<n> item(s) break a filter: <id>…');
    expect(b).toBe(a);
    expect(messageShape('status 418 is not a response getCard declares')).toBe(
      'status 418 is not a response getCard declares',
    );
  });

  it('gives findings that differ only by key and resource one group id, and other statuses another', () => {
    const f = {
      check: 'status_matches_oracle',
      clause: 'C-PERM-5',
      operation_id: 'getCard',
      variant: 'plain',
    } as const;
    const cell = { credential: 'key', expected_status: 403, actual_status: 200 };
    expect(findingId(f, cell)).toBe(findingId({ ...f }, { ...cell }));
    expect(findingId(f, cell)).not.toBe(findingId(f, { ...cell, actual_status: 500 }));
    expect(findingId({ ...f, variant: 'filter source_id=acc_01HXYZ' }, cell)).toBe(
      findingId({ ...f, variant: 'filter source_id=acc_01HABC' }, cell),
    );
  });

  it('keeps every finding id when every message is reworded (ids come from a structured key, not text)', () => {
    const { meta, results } = sampleRun();
    const reworded = results.map((r) => ({
      ...r,
      findings: r.findings.map((f) => ({
        ...f,
        message: `Reworded entirely: ${f.message.split('').reverse().join('')}`,
      })),
    }));
    const ids = (rs: typeof results) =>
      buildReport(meta, rs)
        .failures.map((f) => `${f.case_id} ${f.check} ${f.finding_id}`)
        .sort();
    expect(ids(reworded)).toEqual(ids(results));
    expect(ids(results).length).toBeGreaterThan(3);
  });
});
