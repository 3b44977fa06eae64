import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMisuse } from '../openapi/errors.ts';
import { baselineFromReport, formatBaseline, loadBaseline, parseBaseline } from './baseline.ts';
import { buildReport, exitCodeOf } from './model.ts';
import { sampleRun } from './test-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'seqconform-baseline-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('baselines', () => {
  const { meta, results } = sampleRun();
  const plain = buildReport(meta, results);
  const permGroup = plain.findings.find((g) => g.clause === 'C-PERM-4')!.finding_id;

  it('turns matching failures into accepted ones, kept in the report', () => {
    const r = buildReport(meta, results, {
      baseline: {
        accepted: [
          { finding_id: permGroup, reason: 'vendor ticket 12' },
          { case_id: 'a1', check: 'no_5xx', reason: 'known crash' },
        ],
      },
    });
    expect(r.accepted.map((f) => f.case_id)).toEqual(['p1', 'p2', 'p3', 'a1']);
    expect(r.accepted[0]!.reason).toBe('vendor ticket 12');
    expect(r.failures.map((f) => f.case_id)).toEqual(['a1', 's1']);
    expect(r.summary).toMatchObject({ failed: 2, accepted: 3, passed: 12 });
    expect(r.findings.find((g) => g.finding_id === permGroup)).toMatchObject({ count: 3, accepted: 3 });
    expect(r.score.overall.passed).toBe(13);
    expect(r.baseline).toEqual({ entries: 2, matched: 2, stale: [] });
  });

  it('lists entries that match nothing as stale', () => {
    const stale = { case_id: 'gone', reason: 'old' };
    const r = buildReport(meta, results, {
      baseline: { accepted: [stale, { case_id: 'p1', check: 'body_schema', reason: 'wrong check' }] },
    });
    expect(r.baseline!.stale).toEqual([stale, { case_id: 'p1', check: 'body_schema', reason: 'wrong check' }]);
    expect(r.accepted).toEqual([]);
  });

  it('accepting every failure leaves no FAIL (the target error of the sample still leaves the run incomplete: exit 2)', () => {
    const all = baselineFromReport(plain, 'adopted');
    const r = buildReport(meta, results, { baseline: all });
    expect(r.summary.failed).toBe(0);
    expect(exitCodeOf(r)).toBe(2);
    const judged = results.filter((x) => x.verdict !== 'error');
    const clean = buildReport({ ...meta, selected: judged.length }, judged, { baseline: all });
    expect(exitCodeOf(clean)).toBe(0);
    expect(exitCodeOf(clean, true)).toBe(1);
    expect(
      exitCodeOf(
        buildReport({ ...meta, selected: judged.length }, judged, {
          baseline: baselineFromReport(plain, 'adopted', { warnings: true }),
        }),
        true,
      ),
    ).toBe(0);
  });

  it('loads YAML and JSON, and round-trips formatBaseline', () => {
    const y = loadBaseline(
      file(
        'b.yaml',
        `accepted:\n  - finding_id: ${permGroup}\n    reason: ticket\n  - case_id: a1\n    check: no_5xx\n    reason: crash\n`,
      ),
    );
    expect(y.accepted).toEqual([
      { finding_id: permGroup, reason: 'ticket' },
      { case_id: 'a1', check: 'no_5xx', reason: 'crash' },
    ]);
    const j = loadBaseline(file('b.json', JSON.stringify({ accepted: [{ case_id: 'x', reason: 'r' }] })));
    expect(j.accepted).toEqual([{ case_id: 'x', reason: 'r' }]);
    const b = baselineFromReport(plain, 'adopted');
    expect(loadBaseline(file('round.yaml', formatBaseline(b)))).toEqual(b);
    expect(loadBaseline(file('empty.yaml', '')).accepted).toEqual([]);
  });

  it('keeps ids that YAML could read as numbers strings, written and read back', () => {
    const ids = ['12345', '1e5', '0x1f', '0o17', '1_000', '.inf', 'true', 'null', '007', '-1.5e-3'];
    const b = { accepted: ids.map((id) => ({ finding_id: id, case_id: id, check: 'no_5xx', reason: id })) };
    const text = formatBaseline(b);
    for (const id of ids) expect(text).toContain(`finding_id: "${id}"`);
    expect(loadBaseline(file('digits.yaml', text))).toEqual(b);
    // Written by hand without quotes, an id is still read as the text written.
    const hand = loadBaseline(
      file('hand.yaml', 'accepted:\n  - finding_id: 1e5\n    reason: 12\n  - case_id: 007\n    reason: x\n'),
    );
    expect(hand.accepted).toEqual([
      { finding_id: '1e5', reason: '12' },
      { case_id: '007', reason: 'x' },
    ]);
    expect(loadBaseline(file('bare.yaml', 'accepted:\n')).accepted).toEqual([]);
  });

  it.each([
    ['missing file', null, /cannot read/],
    ['garbled', 'accepted: [unclosed', /neither JSON nor YAML/],
    ['not an object', '- a\n- b\n', /must be an object/],
    ['no reason', 'accepted:\n  - case_id: a\n', /needs a reason/],
    ['no selector', 'accepted:\n  - check: no_5xx\n    reason: r\n', /case_id or a finding_id/],
    ['unknown field', 'accepted:\n  - case_id: a\n    reason: r\n    extra: 1\n', /unknown field/],
    ['unknown top field', 'accepted: []\nignored: []\n', /unknown field/],
  ])('refuses a %s with REPORT_READ_FAILED', (name, text, msg) => {
    const p = text === null ? join(dir, 'nope.yaml') : file(`${name.replace(/ /g, '-')}.yaml`, text);
    let err: unknown;
    try {
      loadBaseline(p);
    } catch (e) {
      err = e;
    }
    expect(isMisuse(err, 'REPORT_READ_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).toContain(p);
  });

  it('parseBaseline names the offending entry', () => {
    expect(() =>
      parseBaseline(
        {
          accepted: [
            { case_id: 'a', reason: 'r' },
            { case_id: 3, reason: 'r' },
          ],
        },
        'b.yaml',
      ),
    ).toThrow(/b\.yaml: accepted\[1\]\.case_id/);
  });
});
