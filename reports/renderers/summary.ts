/** The few lines a terminal shows at the end of a run: outcome, score, top failures, where the files are. Pure. */
import { causesToShow, isOpen } from '../causes.ts';
import type { ComplianceReport } from '../model.ts';
import {
  causeLine,
  conformanceDetail,
  overallCoverageDetail,
  KEY_HINT,
  keyExports,
  outcome,
  percent,
  unjudgedGroups,
} from './common.ts';

/** How many causes the summary names at least (more when more families fail: each family's first is always shown). */
export const SUMMARY_FINDINGS = 5;

/** Renders the end-of-run summary; `outDir` and `seconds` are shown when given. */
export function renderSummary(r: ComplianceReport, outDir?: string, seconds?: number): string {
  const o = r.score.overall;
  const s = r.summary;
  const lines: string[] = [];
  if (r.stopped) lines.push(`seqconform ${outcome(r)}: partial report: ${r.stopped}`);
  lines.push(`seqconform ${outcome(r)}: ${r.outcome.reason}`);
  lines.push(
    `conformance ${percent(o.conformance)} (${conformanceDetail(o)}), coverage ${percent(o.coverage)} (${overallCoverageDetail(r)})`,
  );
  lines.push(
    `${s.selected} cells selected: ${s.passed} passed, ${s.failed} failed, ${s.warnings} warnings, ${s.accepted} accepted, ${s.errors} target errors, ${s.not_sent} not sent${seconds !== undefined ? ` in ${seconds.toFixed(1)} s` : ''}`,
  );
  const unjudged = unjudgedGroups(r);
  if (unjudged.length) {
    lines.push('Not judged:');
    for (const g of unjudged.slice(0, SUMMARY_FINDINGS))
      lines.push(`  ${g.count} ${g.state === 'error' ? 'target error' : 'not sent'}: ${g.why.slice(0, 200)}`);
    if (unjudged.length > SUMMARY_FINDINGS)
      lines.push(`  …and ${unjudged.length - SUMMARY_FINDINGS} more reasons (report.md, Coverage gaps)`);
  }
  const open = r.causes.filter((c) => isOpen(c) && c.level === 'must');
  if (open.length) {
    lines.push('Failures, most serious first:');
    const shown = causesToShow(open, SUMMARY_FINDINGS);
    for (const c of shown) lines.push(`  ${causeLine(c)}`);
    if (open.length > shown.length)
      lines.push(`  …and ${open.length - shown.length} more (every family is named above; report.md lists all)`);
    const ex = shown[0]?.example;
    if (ex) {
      const exports = keyExports(
        ex.curl,
        r.keys.map((k) => k.id),
      );
      lines.push('Reproduce the first:', ...exports.map((x) => `  ${x}`), `  ${ex.curl}`);
      if (exports.length) lines.push(`  (${KEY_HINT})`);
    }
  }
  for (const o of r.observations)
    lines.push(
      `Observation: key ${o.key_id}: ${o.note} (${o.places} place(s): ${o.fields.slice(0, 4).join(', ')}${o.fields.length > 4 ? ', …' : ''})`,
    );
  if (r.baseline?.stale.length)
    lines.push(
      `Baseline: ${r.baseline.stale.length} stale entr${r.baseline.stale.length === 1 ? 'y' : 'ies'} match nothing`,
    );
  if (outDir) lines.push(`Reports: ${outDir}/report.html, report.md, report.json, junit.xml`);
  return lines.join('\n');
}
