/** report.md: a short form for pull requests and tickets: score, top findings, coverage gaps. Pure. */
import { causesToShow, isOpen, SEVERITY_TITLES } from '../causes.ts';
import type { ComplianceReport, ScorePart } from '../model.ts';
import {
  conformanceDetail,
  FAMILY_RULE,
  KEY_HINT,
  keyExports,
  outcome,
  overallCoverageDetail,
  percent,
  unjudgedGroups,
} from './common.ts';

/** How many causes the Markdown lists at least (each family's first is always listed). */
export const TOP_FINDINGS = 20;

/** Escapes text for Markdown (inline and table cells): no markup, no raw HTML, one line. */
export function escapeMarkdown(s: unknown): string {
  return String(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Wraps text in an inline code span that survives backticks and pipes inside tables. */
export function codeSpan(s: unknown): string {
  const t = String(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|');
  const ticks = Math.max(0, ...(t.match(/`+/g) ?? []).map((m) => m.length)) + 1;
  const fence = '`'.repeat(ticks);
  return `${fence}${t.startsWith('`') || t.endsWith('`') ? ` ${t} ` : t}${fence}`;
}

const m = escapeMarkdown;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function scoreCells(p: ScorePart, defined: boolean): string {
  return `${defined ? `${percent(p.coverage)} | ` : ''}${percent(p.conformance)} | ${p.tested} | ${p.passed}`;
}

/** Renders the report as Markdown. */
export function renderMarkdown(r: ComplianceReport): string {
  const o = r.score.overall;
  const s = r.summary;
  const out: string[] = [];
  out.push(`# Sequence API compliance: ${outcome(r)}${r.stopped ? ` (partial report: ${m(r.stopped)})` : ''}`, '');
  out.push(`**${m(outcome(r))}**: ${m(r.outcome.reason)}.`, '');
  if (r.observations.length) {
    out.push('## Observations', '', 'Not findings (no contract clause covers them), but the reader should know:', '');
    for (const o of r.observations)
      out.push(
        `- key ${codeSpan(o.key_id)}: ${m(o.note)}; ${o.places} place(s) in ${o.fields.map(codeSpan).join(', ')}`,
      );
    out.push('');
  }
  out.push(
    `Target ${codeSpan(r.target.base_url)}${r.target.embedded ? ' (embedded mock)' : ''} · ${m(r.tool.name)} ${m(r.tool.version)} · spec ${m(r.spec_version)} · seed ${r.seed} · mutations ${m(r.mutations)} · strict ${r.strict ? 'yes' : 'no'}`,
    '',
  );
  out.push('| Score | Value | Detail |', '|---|---|---|');
  out.push(`| Coverage | **${percent(o.coverage)}** | ${m(overallCoverageDetail(r))} |`);
  out.push(`| Conformance | **${percent(o.conformance)}** | ${m(conformanceDetail(o))} |`, '');
  out.push(
    `**${s.selected} cells selected:** ${s.passed} passed, ${s.failed} failed, ${s.warnings} with warnings, ${s.accepted} accepted, ${s.errors} target errors, ${s.not_sent} not sent.`,
    '',
  );

  const fams = r.score.families.filter((f) => f.tested > 0 || f.failures > 0 || f.warnings > 0);
  if (fams.length) {
    const defined = fams.some((f) => f.cells_defined !== null);
    out.push(
      '## By clause family',
      '',
      `| Family | ${defined ? 'Coverage | ' : ''}Conformance | Judged | Passed | Failed cells | Warned cells | Open findings |`,
      `|---|${defined ? '---:|' : ''}---:|---:|---:|---:|---:|---:|`,
    );
    for (const f of fams)
      out.push(
        `| ${m(f.family)} ${m(f.title)} | ${scoreCells(f, defined)} | ${f.failures} | ${f.warnings} | ${f.findings} |`,
      );
    out.push('', m(FAMILY_RULE), '');
  }

  const open = r.causes.filter(isOpen);
  out.push('## Findings, most serious first', '');
  if (!open.length) out.push('No open findings.', '');
  else {
    const shown = causesToShow(open, TOP_FINDINGS);
    out.push(
      'One row per root cause: the same check and clause failing the same way, on every operation it shows on. Order: MUST before SHOULD; authorization and isolation, then state and lists, then validation, then shapes and request IDs; a refused request that got a 2xx (exposed) first.',
      '',
      '| Severity | Clause | Level | Check | Operations | Cells | Message | Example |',
      '|---|---|---|---|---|---:|---|---|',
    );
    for (const c of shown) {
      const ops =
        c.operations.length > 4
          ? `${c.operations.slice(0, 3).map(codeSpan).join(', ')} +${c.operations.length - 3}`
          : c.operations.map(codeSpan).join(', ');
      out.push(
        `| ${m(SEVERITY_TITLES[c.severity])}${c.exposed ? ' **exposed**' : ''} | ${m(c.clause)} | ${c.level.toUpperCase()} | ${codeSpan(c.check)} | ${ops} | ${c.count - c.accepted} | ${m(clip(c.example?.message ?? c.message, 160))} | ${c.example ? codeSpan(c.example.case_id) : ''} |`,
      );
    }
    if (open.length > shown.length)
      out.push(
        '',
        `…and ${open.length - shown.length} more causes (every family with findings is named above); see report.html.`,
      );
    out.push('');
    const first = shown[0]!.example;
    if (first) {
      const exports = keyExports(
        first.curl,
        r.keys.map((k) => k.id),
      );
      out.push('Reproduce the first:', '', '```sh', ...exports, first.curl.replace(/```/g, '`\u200b``'), '```', '');
      if (exports.length) out.push(m(KEY_HINT), '');
    }
  }
  if (r.accepted.length) out.push(`${r.accepted.length} finding(s) accepted by the baseline.`, '');

  if (r.requirements.length) {
    const n = (s: string) => r.requirements.filter((q) => q.status === s).length;
    out.push(
      '## Conformance statement',
      '',
      `Every requirement of the contract, sentence by sentence: ${n('pass')} pass, ${n('fail')} fail, ${n('warn')} warn, ${n('not_tested')} not tested, ${n('not_reachable')} not reachable with these keys.`,
      '',
      '| Requirement | Level | What it asks | Verdict | Cells (passed/failed/warned) | Evidence or why |',
      '|---|---|---|---|---|---|',
    );
    for (const q of r.requirements)
      out.push(
        `| ${codeSpan(q.id)} | ${q.level.toUpperCase()} | ${m(q.says)} | **${q.status.replace('_', ' ')}** | ${q.cells} (${q.passed}/${q.failed}/${q.warned}) | ${q.evidence.length ? q.evidence.map(codeSpan).join(' ') : m(q.why ?? '')} |`,
      );
    out.push('');
  }

  const uncovered = r.coverage.rows.filter((c) => !c.covered);
  const unjudged = unjudgedGroups(r);
  out.push('## Coverage gaps', '');
  if (!uncovered.length && !r.coverage.not_generated.length && !unjudged.length)
    out.push('None: every key class is reached and every cell was sent.', '');
  for (const c of uncovered) out.push(`- key class ${codeSpan(c.id)} not reached: ${m(c.description)}`);
  for (const n of r.coverage.not_generated) out.push(`- not generated: ${m(n)}`);
  for (const g of unjudged)
    out.push(
      `- ${g.count} ${g.state === 'error' ? 'target error' : 'not sent'}${g.count === 1 ? '' : 's'}: ${m(g.why)} (e.g. ${g.examples.slice(0, 2).map(codeSpan).join(', ')})`,
    );
  if (uncovered.length || r.coverage.not_generated.length || unjudged.length) out.push('');

  if (r.baseline?.stale.length) {
    out.push('## Stale baseline entries', '');
    for (const e of r.baseline.stale)
      out.push(
        `- ${[e.case_id && `case ${codeSpan(e.case_id)}`, e.finding_id && `finding ${codeSpan(e.finding_id)}`, e.check && `check ${codeSpan(e.check)}`].filter(Boolean).join(', ')}: ${m(e.reason)}`,
      );
    out.push('');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
