/**
 * junit.xml: one `<testcase>` per case, in one `<testsuite>` per clause family. MUST failures
 * are `<failure>`, target errors `<error>`, unsent cases `<skipped>`; warnings and accepted
 * findings go to `<system-out>`. Pure.
 */
import { compareFamilies } from '../clauses.ts';
import type { CaseRow, ComplianceReport, ReportFinding } from '../model.ts';
import { findingsByCase, keyLabel, showValue } from './common.ts';

// Characters XML 1.0 forbids (controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- these are the characters it must find
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attributes; forbidden characters become a visible `\uXXXX`. */
export function escapeXml(s: unknown): string {
  return String(s)
    .replace(INVALID_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const x = escapeXml;

/** The test name of a case: `operation key resource variant`. */
export function testName(c: CaseRow): string {
  return `${c.operation_id} ${keyLabel(c)} ${c.resource} ${c.variant}`;
}

function findingText(f: ReportFinding & { reason?: string }): string {
  return [
    `${f.clause} ${f.level.toUpperCase()} ${f.check}: ${f.message}`,
    `expected: ${showValue(f.expected, 1000)}`,
    `actual: ${showValue(f.actual, 1000)}`,
    `reproduce: ${f.curl}`,
    ...(f.reason !== undefined ? [`accepted by baseline: ${f.reason}`] : []),
    `case: ${f.case_id} finding: ${f.finding_id}`,
  ].join('\n');
}

function testcase(c: CaseRow, findings: Array<ReportFinding & { reason?: string }>): string {
  const attrs = `name="${x(testName(c))}" classname="${x(`${c.family}.${c.operation_id}`)}"`;
  const must = c.verdict === 'fail' ? findings.filter((f) => f.level === 'must' && f.reason === undefined) : [];
  const notes = findings.filter((f) => !must.includes(f));
  const inner: string[] = [];
  if (c.verdict === 'error')
    inner.push(
      `<error message="${x(c.target_error ?? 'target error')}" type="target_error">${x(c.target_error ?? '')}</error>`,
    );
  else if (c.verdict === 'not_sent') inner.push(`<skipped message="${x(`not sent: ${c.not_sent ?? ''}`)}"/>`);
  else if (c.verdict === 'fail') {
    const head =
      must.length === 1
        ? must[0]!.message
        : must.length
          ? `${must.length} MUST failures: ${must.map((f) => f.check).join(', ')}`
          : 'failed';
    const detail = must.length
      ? must.map(findingText).join('\n\n')
      : `expected ${c.expected_status}, got ${c.actual_status}`;
    inner.push(
      `<failure message="${x(head)}" type="${x(must.map((f) => f.check).join(',') || 'verdict')}">${x(detail)}</failure>`,
    );
  }
  if (notes.length)
    inner.push(
      `<system-out>${x(notes.map((f) => `${f.reason !== undefined ? 'ACCEPTED' : 'WARNING'} ${findingText(f)}`).join('\n\n'))}</system-out>`,
    );
  return inner.length
    ? `    <testcase ${attrs}>\n      ${inner.join('\n      ')}\n    </testcase>`
    : `    <testcase ${attrs}/>`;
}

/** Renders the report as JUnit XML. */
export function renderJunit(r: ComplianceReport): string {
  const byCase = findingsByCase(r);
  const families = [...new Set(r.cases.map((c) => c.family))].sort(compareFamilies);
  const suites = families.map((fam) => {
    const cs = r.cases.filter((c) => c.family === fam);
    const failures = cs.filter((c) => c.verdict === 'fail').length;
    const errors = cs.filter((c) => c.verdict === 'error').length;
    const skipped = cs.filter((c) => c.verdict === 'not_sent').length;
    return `  <testsuite name="${x(fam)}" tests="${cs.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${cs.map((c) => testcase(c, byCase.get(c.case_id) ?? [])).join('\n')}\n  </testsuite>`;
  });
  const s = r.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${x(`seqconform ${r.target.base_url}`)}" tests="${s.cases}" failures="${s.failed}" errors="${s.errors}" skipped="${s.not_sent}">\n${suites.join('\n')}\n</testsuites>\n`;
}
