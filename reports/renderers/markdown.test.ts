import { describe, expect, it } from 'vitest';
import { buildReport } from '../model.ts';
import { makeResult, sampleRun } from '../test-fixtures.ts';
import { codeSpan, escapeMarkdown, renderMarkdown } from './markdown.ts';
import { renderSummary } from './summary.ts';

describe('renderMarkdown', () => {
  const { meta, results } = sampleRun();
  const md = renderMarkdown(buildReport(meta, results));

  it('leads with the outcome and both parts of the score', () => {
    expect(md.split('\n')[0]).toBe('# Sequence API compliance: FAIL');
    expect(md).toContain(
      '| Coverage | **60.0%** | 18 of 30 cells tested; 1 of 3 key classes not reached (seqconform plan-keys) |',
    );
    expect(md).toContain('| Conformance | **72.2%** | 13 of 18 tested cells pass |');
  });

  it('lists the findings by cause, MUST and most serious first, with a curl and its key export to reproduce', () => {
    const start = md.indexOf('## Findings, most serious first');
    const rows = md
      .slice(start, md.indexOf('\n## ', start + 1))
      .split('\n')
      .filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| Severity'));
    expect(rows[0]).toMatch(
      /^\| Authorization and isolation \*\*exposed\*\* \| C-PERM-4 \| MUST \| `status_matches_oracle` \| `getAccount` \| 3 \|/,
    );
    expect(rows[1]).toMatch(
      /^\| Authorization and isolation \| C-AUTH-1 \| MUST \| `status_matches_oracle` \| `listTransfers` \| 1 \|/,
    );
    expect(rows[2]).toMatch(/^\| State and lists \| C-STATE-4 \| MUST/);
    expect(rows.at(-1)).toMatch(/^\| Shapes, bodies and request IDs \| C-REQID-3 \| SHOULD/);
    expect(md).toMatch(/```sh\nexport KEY_ONE_ORG1='<secret of key one-org1>'\ncurl /);
  });

  it('lists coverage gaps', () => {
    const gaps = md.slice(md.indexOf('## Coverage gaps'));
    expect(gaps).toContain('key class `READ_CARDS:union` not reached');
    expect(gaps).toContain('not generated: listCardTransactions: no card in org2');
    expect(gaps).toContain('1 target error: ECONNRESET: socket hang up (e.g. `getTransfer full-org1');
  });

  it('escapes markup, HTML and table pipes', () => {
    expect(md).toContain('server error 500 &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\]\\]&gt;');
    expect(escapeMarkdown('a|b *c* _d_ `e`\nf')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` f');
    expect(codeSpan('a`b|c')).toBe('``a`b\\|c``');
  });

  it('says so when there is nothing to report', () => {
    const clean = renderMarkdown(
      buildReport({ ...meta, coverage: [], not_generated: [] }, [makeResult({ case_id: 'ok' })]),
    );
    expect(clean).toContain('No open findings.');
    expect(clean).toContain('None: every key class is reached');
  });
});

describe('renderSummary', () => {
  it('gives the outcome, score, counts, top failures and where the files are', () => {
    const { meta, results } = sampleRun();
    const s = renderSummary(buildReport(meta, results), 'out/x', 2.5);
    expect(s.split('\n')[0]).toBe(
      'seqconform FAIL: 5 cells failed a MUST; 1 of 19 cells not judged (1 target errors, 0 not sent)',
    );
    expect(s).toContain(
      'conformance 72.2% (13 of 18 tested cells pass), coverage 60.0% (18 of 30 cells tested; 1 of 3 key classes not reached',
    );
    expect(s).toContain(
      '19 cells selected: 12 passed, 5 failed, 1 warnings, 0 accepted, 1 target errors, 0 not sent in 2.5 s',
    );
    expect(s).toContain('Not judged:\n  1 target error: ECONNRESET: socket hang up');
    expect(s).toMatch(
      /Failures, most serious first:\n {2}C-PERM-4 status_matches_oracle \[EXPOSED\] on getAccount x3:/,
    );
    expect(s).toContain('Reports: out/x/report.html');
  });
});

describe('renderMarkdown family table', () => {
  it('shows per-family coverage only when the run defines cells per family', () => {
    const { meta, results } = sampleRun();
    expect(renderMarkdown(buildReport(meta, results))).toContain('| Family | Conformance | Judged |');
    const md = renderMarkdown(
      buildReport({ ...meta, cells_defined_by_family: { 'C-PERM': 30 } } as typeof meta, results),
    );
    expect(md).toContain('| Family | Coverage | Conformance | Judged |');
    expect(md).toContain('| C-PERM Permissions (403) | 50.0% | 80.0% | 15 | 12 | 3 | 0 | 3 |');
  });
});
