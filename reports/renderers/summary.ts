/** The few lines a terminal shows at the end of a run: outcome, score, top failures, where the files are. Pure. */
import type { ComplianceReport } from '../model.ts';
import { conformanceDetail, coverageDetail, outcome, percent, unjudgedGroups } from './common.ts';

/** How many finding groups the summary names. */
export const SUMMARY_FINDINGS = 5;

/** Renders the end-of-run summary; `outDir` and `seconds` are shown when given. */
export function renderSummary(r: ComplianceReport, outDir?: string, seconds?: number): string {
  const o = r.score.overall;
  const s = r.summary;
  const lines: string[] = [];
  if (r.stopped) lines.push(`seqconform ${outcome(r)}: partial report: ${r.stopped}`);
  lines.push(`seqconform ${outcome(r)}: ${r.outcome.reason}`);
  lines.push(
    `conformance ${percent(o.conformance)} (${conformanceDetail(o)}), coverage ${percent(o.coverage)} (${coverageDetail(o)})`,
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
  const open = r.findings.filter((g) => g.accepted < g.count && g.level === 'must');
  if (open.length) {
    lines.push('Top failures:');
    for (const g of [...open].sort((a, b) => b.count - b.accepted - (a.count - a.accepted)).slice(0, SUMMARY_FINDINGS))
      lines.push(
        `  ${g.clause} ${g.operation_id} ${g.check} x${g.count - g.accepted}: ${(g.examples[0]?.message ?? g.message).replace(/\s+/g, ' ').slice(0, 160)}`,
      );
    if (open.length > SUMMARY_FINDINGS) lines.push(`  …and ${open.length - SUMMARY_FINDINGS} more groups`);
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
