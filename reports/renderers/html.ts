/**
 * report.html: one self-contained page (inline CSS, no script, no network) with the score, how to
 * read it, a heat map of operations × keys linking to findings, findings by root cause (most
 * serious first) with their curl, the conformance statement, and what was not covered. Stable
 * ids and classes for tests: `#score`, `#how-to-read`, `#heatmap`, `.cause`, `.finding`, `.curl`,
 * `#requirements`, `#not-covered`. Pure.
 */
import { isOpen, SEVERITIES, SEVERITY_TITLES, type CauseGroup } from '../causes.ts';
import type { CaseVerdict, ComplianceReport, FindingGroup, ReportFinding, ScorePart } from '../model.ts';
import {
  conformanceDetail,
  FAMILY_RULE,
  KEY_HINT,
  keyExports,
  overallCoverageDetail,
  heatMap,
  keyLabel,
  outcome,
  percent,
  showValue,
  unjudgedGroups,
  VERDICT_RANK,
  type HeatCell,
} from './common.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const e = escapeHtml;

/** A string usable as an HTML id: letters, digits, `-` and `_`. */
function idOf(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_');
}

const VERDICT_LABEL: Record<CaseVerdict | 'na', string> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warning',
  accepted: 'accepted',
  error: 'target error',
  not_sent: 'not sent',
  na: 'n.a.',
};

const CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--card:#fff;--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--acc:#8250df;--acc-bg:#fbefff;--err:#57606a;--err-bg:#eaeef2;--na-bg:#f6f8fa;--accent:#0969da}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#24292f;color:#fff;padding:20px 32px;display:flex;align-items:center;gap:24px}
header.top .title{flex:1;min-width:0}
header.top h1{margin:0 0 6px;font-size:22px;font-weight:600}
header.top .meta{color:#d0d7de;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 18px}
header.top .meta b{color:#fff;font-weight:600}
.outcome{flex:none;font-weight:700;font-size:15px;padding:6px 16px;border-radius:999px;letter-spacing:.04em}
.outcome.PASS{background:var(--pass);color:#fff}.outcome.FAIL{background:var(--fail);color:#fff}.outcome.WARN{background:#bf8700;color:#fff}.outcome.INCOMPLETE{background:#57606a;color:#fff}
.banner{margin:0;padding:10px 24px;background:var(--err-bg);color:var(--err);font-weight:600}.verdict-reason{margin:0;padding:8px 24px;color:#57606a}
main{max-width:1440px;margin:0 auto;padding:24px 32px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:20px 24px;margin:0 0 20px}
h2{font-size:18px;margin:0 0 14px;font-weight:600}
h3{font-size:15px;margin:18px 0 8px}
.muted{color:var(--muted)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.gauges{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-bottom:16px}
.gauge{border:1px solid var(--line);border-radius:8px;padding:14px 18px}
.gauge .label{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.gauge .pct{font-size:34px;font-weight:700;line-height:1.2}
.gauge .bar{height:8px;background:var(--err-bg);border-radius:4px;overflow:hidden;margin-top:8px}
.gauge .bar span{display:block;height:100%;background:var(--accent)}
#score-conformance .bar span{background:var(--pass)}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:18px}
.tile{flex:1 1 110px;border:1px solid var(--line);border-radius:8px;padding:8px 12px}
.tile .n{font-size:20px;font-weight:700}.tile .t{font-size:12px;color:var(--muted)}
.tile.fail .n{color:var(--fail)}.tile.warn .n{color:var(--warn)}.tile.pass .n{color:var(--pass)}.tile.accepted .n{color:var(--acc)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:var(--bg)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.dim td{color:#8c959f}
.minibar{display:inline-block;width:80px;height:6px;background:var(--err-bg);border-radius:3px;vertical-align:middle;margin-right:8px;overflow:hidden}
.minibar span{display:block;height:100%;background:var(--pass)}
.heatwrap{overflow:auto;max-width:100%;max-height:80vh;border:1px solid var(--line);border-radius:6px}
section{min-width:0;max-width:100%}
#heatmap td.hm a{color:inherit;text-decoration:none;display:block}
#heatmap td.hm a:hover{text-decoration:underline}
#heatmap thead th{position:sticky;top:0;background:var(--card);z-index:1}
.severity{margin-top:10px}.severity h3.sev{font-size:16px;border-bottom:2px solid var(--line);padding-bottom:4px}
.cause{border-top:1px solid var(--line);padding-top:6px;margin-top:10px}
.cause h3 .cid{font-family:ui-monospace,Menlo,Consolas,monospace;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:1px 6px;margin-right:8px}
.cause h3 .ctext{font-weight:400;color:var(--muted)}
.cause.exposed h3 .cid{background:var(--fail-bg);border-color:#ffcecb}
#heatmap{width:auto;border-collapse:separate;border-spacing:3px}
#heatmap th{background:none;border:none;white-space:nowrap}
#heatmap thead th{vertical-align:bottom;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px;white-space:normal;max-width:96px;text-align:center;line-height:1.25}
#heatmap tbody th{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:var(--fg);text-align:right;padding-right:8px}
#heatmap td.hm{min-width:50px;text-align:center;border:none;border-radius:4px;padding:5px 5px;white-space:nowrap;font-size:12px;line-height:1.25}
#heatmap td.hm b{display:block;font-size:13px}
td.hm.pass{background:var(--pass-bg);color:var(--pass)}td.hm.fail{background:var(--fail-bg);color:var(--fail)}
td.hm.warn{background:var(--warn-bg);color:var(--warn)}td.hm.accepted{background:var(--acc-bg);color:var(--acc)}
td.hm.error{background:var(--err-bg);color:var(--err)}td.hm.not_sent,td.hm.na{background:var(--na-bg);color:#8c959f}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin-bottom:10px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-2px;margin-right:5px}
.lg-pass{background:var(--pass-bg);border:1px solid var(--pass)}.lg-fail{background:var(--fail-bg);border:1px solid var(--fail)}
.lg-warn{background:var(--warn-bg);border:1px solid var(--warn)}.lg-accepted{background:var(--acc-bg);border:1px solid var(--acc)}
.lg-error{background:var(--err-bg);border:1px solid var(--err)}.lg-na{background:var(--na-bg);border:1px solid var(--line)}
.clause{border-top:1px solid var(--line);padding-top:6px;margin-top:10px}
.clause:first-of-type{border-top:none;margin-top:0}
.clause h3 .cid{font-family:ui-monospace,Menlo,Consolas,monospace;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:1px 6px;margin-right:8px}
.clause h3 .ctext{font-weight:400;color:var(--muted)}
.finding{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;padding:12px 14px;margin:10px 0}
.finding.should{border-left-color:#bf8700}.finding.accepted{border-left-color:var(--acc)}
.finding .head{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;margin-bottom:6px}
.badge{display:inline-block;font-size:11px;font-weight:600;padding:1px 8px;border-radius:999px;border:1px solid var(--line);background:var(--bg);color:var(--muted)}
.badge.must{background:var(--fail-bg);color:var(--fail);border-color:#ffcecb}.badge.should{background:var(--warn-bg);color:var(--warn);border-color:#eac54f}
.badge.acc{background:var(--acc-bg);color:var(--acc);border-color:#d8b9ff}
.finding .msg{font-weight:600;margin:4px 0 8px}
.ea{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin:8px 0}
.ea div{min-width:0}
.ea .k{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600}
pre{margin:2px 0 0;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 10px;white-space:pre-wrap;word-break:break-all;max-height:220px;overflow:auto}
pre.curl{background:#0d1117;color:#e6edf3;border-color:#0d1117}
details{margin-top:6px}
summary{cursor:pointer;color:var(--accent)}
ul.plain{margin:6px 0;padding-left:20px}
.verdict{font-weight:600}.verdict.fail{color:var(--fail)}.verdict.warn{color:var(--warn)}.verdict.pass{color:var(--pass)}.verdict.accepted{color:var(--acc)}.verdict.error,.verdict.not_sent{color:var(--err)}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:8px}
@media print{body{background:#fff}section{break-inside:avoid}}
`;

function gauge(id: string, label: string, value: number | null, detail: string): string {
  const width = value === null ? 0 : Math.max(0, Math.min(100, value * 100));
  return `<div class="gauge" id="${id}"><div class="label">${e(label)}</div><div class="pct">${e(percent(value))}</div><div class="muted">${e(detail)}</div><div class="bar"><span style="width:${width.toFixed(1)}%"></span></div></div>`;
}

function miniBar(r: number | null): string {
  return `<span class="minibar"><span style="width:${r === null ? 0 : (r * 100).toFixed(1)}%"></span></span>${e(percent(r))}`;
}

function scoreHead(first: string, defined: boolean): string {
  return `<tr><th>${e(first)}</th>${defined ? '<th class="num">Defined</th>' : ''}<th class="num">Judged</th><th class="num">Passed</th>${defined ? '<th>Coverage</th>' : ''}<th>Conformance</th><th class="num">Failed cells</th><th class="num">Warned cells</th><th class="num">Open findings</th></tr>`;
}

function scoreRowCells(p: ScorePart, defined: boolean): string {
  return `${defined ? `<td class="num">${e(p.cells_defined ?? '—')}</td>` : ''}<td class="num">${p.tested}</td><td class="num">${p.passed}</td>${defined ? `<td>${p.cells_defined === null ? '<span class="muted">—</span>' : miniBar(p.coverage)}</td>` : ''}<td>${p.tested ? miniBar(p.conformance) : '<span class="muted">—</span>'}</td>`;
}

function scoreSection(r: ComplianceReport): string {
  const o = r.score.overall;
  const s = r.summary;
  const tile = (cls: string, n: number, t: string): string =>
    `<div class="tile ${cls}"><div class="n">${n}</div><div class="t">${e(t)}</div></div>`;
  const defined = r.score.families.some((f) => f.cells_defined !== null);
  const families = r.score.families
    .map(
      (f) =>
        `<tr${f.tested || f.failures || f.warnings ? '' : ' class="dim"'}><td><span class="mono">${e(f.family)}</span> <span class="muted">${e(f.title)}</span></td>${scoreRowCells(f, defined)}<td class="num">${f.failures}</td><td class="num">${f.warnings}</td><td class="num">${f.findings}</td></tr>`,
    )
    .join('');
  return `<section id="score">
<h2>Compliance score</h2>
<div class="gauges">${gauge('score-coverage', 'Coverage', o.coverage, overallCoverageDetail(r))}${gauge('score-conformance', 'Conformance', o.conformance, conformanceDetail(o))}</div>
<div class="tiles">${tile('', s.selected, 'cells selected')}${tile('pass', s.passed, 'passed')}${tile('fail', s.failed, 'failed')}${tile('warn', s.warnings, 'warnings')}${tile('accepted', s.accepted, 'accepted')}${tile('', s.errors, 'target errors')}${tile('', s.not_sent, 'not sent')}</div>
<table class="families"><thead>${scoreHead('Clause family', defined)}</thead><tbody>${families}</tbody></table>
<p class="muted">${e(FAMILY_RULE)}</p>
${r.score.scenarios.tested ? `<p class="muted">Of the tested cells, ${r.score.scenarios.tested} are multi-request scenarios; ${r.score.scenarios.passed} of them pass.</p>` : ''}
</section>`;
}

function cellTitle(c: HeatCell): string {
  if (c.total === 0) return `${c.operation_id} × ${c.key}: no cases`;
  const parts = VERDICT_RANK.filter((v) => c.counts[v] > 0).map((v) => `${c.counts[v]} ${VERDICT_LABEL[v]}`);
  return `${c.operation_id} × ${c.key}: ${c.total} case${c.total === 1 ? '' : 's'}, ${parts.join(', ')}`;
}

const CELL_LABEL: Record<CaseVerdict, string> = {
  pass: '',
  not_sent: 'n/s',
  fail: 'fail',
  error: 'error',
  warn: 'warn',
  accepted: 'acc.',
};

function cellText(c: HeatCell): string {
  if (c.total === 0) return 'n.a.';
  const bad = CELL_LABEL[c.state as CaseVerdict]
    ? `${c.counts[c.state as CaseVerdict]} ${CELL_LABEL[c.state as CaseVerdict]}`
    : '';
  return `<b>${c.total}</b>${bad ? e(bad) : '&nbsp;'}`;
}

/** The first finding group (in reading order) of an operation and key: where a heat-map square links. */
function firstFindingOf(r: ComplianceReport): Map<string, string> {
  const out = new Map<string, string>();
  const groups = new Map(r.findings.map((g) => [g.finding_id, g]));
  for (const c of r.causes)
    for (const id of c.finding_ids) {
      const g = groups.get(id);
      if (!g) continue;
      for (const k of g.keys) {
        const at = `${g.operation_id}\u0000${k === '(no key)' ? '' : k}`;
        if (!out.has(at)) out.set(at, id);
      }
    }
  return out;
}

function heatSection(r: ComplianceReport): string {
  const hm = heatMap(r);
  const links = firstFindingOf(r);
  const linkOf = (c: HeatCell): string | undefined =>
    c.state === 'fail' || c.state === 'warn' || c.state === 'accepted'
      ? (links.get(`${c.operation_id}\u0000${c.key}`) ?? links.get(`${c.operation_id}\u0000`))
      : undefined;
  const head = hm.keys.map((k) => `<th scope="col">${e(k)}</th>`).join('');
  const body = hm.cells
    .map(
      (row, i) =>
        `<tr><th scope="row">${e(hm.operations[i])}</th>${row
          .map((c) => {
            const to = linkOf(c);
            return `<td class="hm ${c.state}" id="hm-${idOf(c.operation_id)}-${idOf(c.key)}" title="${e(cellTitle(c))}">${to ? `<a href="#f-${e(to)}">${cellText(c)}</a>` : cellText(c)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const legend = (['pass', 'fail', 'warn', 'accepted', 'error', 'na'] as const)
    .map((v) => `<span><i class="lg-${v}"></i>${e(VERDICT_LABEL[v])}</span>`)
    .join('');
  return `<section id="heatmap-section">
<h2>Operations × keys</h2>
<p class="muted">Each cell counts the cases of one operation sent with one key (or credential), coloured by the worst verdict among them. Hover a cell for the breakdown; a cell with findings links to the first of them. Wide maps scroll inside this box.</p>
<div class="legend">${legend}</div>
<div class="heatwrap"><table id="heatmap"><thead><tr><th></th>${head}</tr></thead><tbody>
${body}
</tbody></table></div>
</section>`;
}

function exampleBlock(f: ReportFinding): string {
  return `<div class="ex"><div class="muted mono">case ${e(f.case_id)} · key ${e(f.key_id ?? '(none)')} · ${e(f.resource)} · ${e(f.variant)}</div>
<div class="msg">${e(f.message)}</div>
<div class="ea"><div><div class="k">Expected</div><pre>${e(showValue(f.expected))}</pre></div><div><div class="k">Actual</div><pre>${e(showValue(f.actual))}</pre></div></div>
<div class="k muted">Reproduce</div><pre class="curl">${e(f.curl)}</pre></div>`;
}

function findingBlock(g: FindingGroup, accepted: Map<string, string>): string {
  const [first, ...rest] = g.examples;
  const allAccepted = g.accepted === g.count;
  const reason = accepted.get(g.finding_id);
  const cls = allAccepted ? 'accepted' : g.level;
  return `<article class="finding ${cls}" id="f-${e(g.finding_id)}" data-finding-id="${e(g.finding_id)}">
<div class="head"><span class="badge ${g.level}">${g.level.toUpperCase()}</span>${g.accepted ? `<span class="badge acc">${g.accepted} of ${g.count} accepted</span>` : ''}<span class="mono"><b>${e(g.check)}</b></span><span class="mono">${e(g.operation_id)}</span><span class="muted">${g.count} case${g.count === 1 ? '' : 's'} · keys ${e(g.keys.join(', '))}</span><span class="muted mono">id ${e(g.finding_id)}</span></div>
${reason ? `<div class="muted">Accepted by the baseline${allAccepted ? '' : ` (${g.accepted} of ${g.count})`}: ${e(reason)}</div>` : ''}
${first ? exampleBlock(first) : ''}
${rest.length ? `<details><summary>${rest.length} more example${rest.length === 1 ? '' : 's'}${g.count > g.examples.length ? ` (of ${g.count - 1})` : ''}</summary>${rest.map(exampleBlock).join('')}</details>` : ''}
</article>`;
}

function observationsSection(r: ComplianceReport): string {
  if (!r.observations.length) return '';
  return `<section id="observations"><h2>Observations</h2><p class="muted">Not findings (no contract clause covers them), but the reader should know.</p><ul class="plain">${r.observations
    .map(
      (o) =>
        `<li><span class="mono">${e(o.key_id)}</span>: ${e(o.note)}; ${o.places} place(s) in ${o.fields.map((f) => `<span class="mono">${e(f)}</span>`).join(', ')}</li>`,
    )
    .join('')}</ul></section>`;
}

function requirementsSection(r: ComplianceReport): string {
  if (!r.requirements.length) return '';
  const rows = r.requirements
    .map(
      (q) =>
        `<tr id="req-${e(q.id)}"><td class="mono">${e(q.id)}</td><td>${q.level.toUpperCase()}</td><td title="${e(q.text)}">${e(q.says)}</td><td class="verdict ${q.status === 'pass' ? 'pass' : q.status === 'fail' ? 'fail' : q.status === 'warn' ? 'warn' : 'not_sent'}">${e(q.status.replace('_', ' '))}</td><td class="num">${q.cells} (${q.passed}/${q.failed}/${q.warned})</td><td>${q.evidence.length ? q.evidence.map((id) => `<span class="mono">${e(id)}</span>`).join(' ') : `<span class="muted">${e(q.why ?? '')}</span>`}</td></tr>`,
    )
    .join('');
  return `<section id="requirements"><h2>Conformance statement</h2><p class="muted">Every requirement of the contract, sentence by sentence (hover a row for the sentence), with its verdict on this run and the finding ids that are its evidence.</p><table><thead><tr><th>Requirement</th><th>Level</th><th>What it asks</th><th>Verdict</th><th class="num">Cells (passed/failed/warned)</th><th>Evidence or why</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function causeBlock(c: CauseGroup, groups: Map<string, FindingGroup>, accepted: Map<string, string>): string {
  const gs = c.finding_ids.map((id) => groups.get(id)).filter((g): g is FindingGroup => g !== undefined);
  const open = c.count - c.accepted;
  return `<div class="cause${c.exposed ? ' exposed' : ''}" id="cause-${e(c.cause_id)}"><h3><span class="cid">${e(c.clause)}</span><span class="mono">${e(c.check)}</span>${c.exposed ? ' <span class="badge must">exposed: a refused request got a 2xx</span>' : ''} <span class="ctext">${e(c.clause_text)}</span> <span class="muted">(${open} open${c.accepted ? `, ${c.accepted} accepted` : ''} on ${c.operations.length} operation${c.operations.length === 1 ? '' : 's'}: ${e(c.operations.join(', '))})</span></h3>
${gs.map((g) => findingBlock(g, accepted)).join('\n')}</div>`;
}

function findingsSection(r: ComplianceReport): string {
  if (!r.findings.length)
    return `<section id="findings"><h2>Findings</h2><p>No findings: every tested cell met the contract.</p></section>`;
  const accepted = new Map<string, string>();
  for (const a of r.accepted) if (!accepted.has(a.finding_id)) accepted.set(a.finding_id, a.reason);
  const groups = new Map(r.findings.map((g) => [g.finding_id, g]));
  const body = SEVERITIES.map((sev) => {
    const cs = r.causes.filter((c) => c.severity === sev);
    if (!cs.length) return '';
    return `<div class="severity" id="severity-${sev}"><h3 class="sev">${e(SEVERITY_TITLES[sev])} <span class="muted">(${cs.length} cause${cs.length === 1 ? '' : 's'})</span></h3>
${cs.map((c) => causeBlock(c, groups, accepted)).join('\n')}</div>`;
  }).join('\n');
  const first = r.causes.find(isOpen)?.example;
  const exports = first
    ? keyExports(
        first.curl,
        r.keys.map((k) => k.id),
      )
    : [];
  return `<section id="findings"><h2>Findings, most serious first</h2>
<p class="muted">${r.failures.length} failure${r.failures.length === 1 ? '' : 's'}, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}, ${r.accepted.length} accepted, in ${r.causes.length} root cause${r.causes.length === 1 ? '' : 's'} (the same check and clause failing the same way, on every operation it shows on) and ${r.findings.length} group${r.findings.length === 1 ? '' : 's'} by operation. Authorization and isolation first, then state and lists, validation, and shapes and request IDs.</p>
${exports.length ? `<p id="key-hint">Every <span class="mono">curl</span> names its key as <span class="mono">$KEY_&lt;ID&gt;</span>: ${e(KEY_HINT)}</p><pre class="curl" id="key-export">${e(exports.join('\n'))}</pre>` : ''}
${body}</section>`;
}

function howToReadSection(r: ComplianceReport): string {
  return `<section id="how-to-read"><h2>How to read this report</h2><ul class="plain">
<li><b>Outcome</b> (top right): PASS when every selected cell was judged and no MUST failed; FAIL when a MUST failed; INCOMPLETE when cells got no usable answer or were not sent (see <a href="#not-covered">Not covered</a>).</li>
<li><b>Coverage</b> is cells sent and judged ÷ cells the contract defines for these keys (the mutations policy's left-outs included); <b>conformance</b> is passing cells ÷ judged cells. One rule counts every figure: ${e(FAMILY_RULE)}</li>
<li><b>Operations × keys</b>: one square per operation and key, coloured by its worst verdict; a red or yellow square links to its first finding.</li>
<li><b>Findings</b> are grouped by root cause and ordered by what matters most; each shows expected and actual, and a <span class="mono">curl</span> that reproduces it (set <span class="mono">$KEY_&lt;ID&gt;</span> first, or run <span class="mono">seqconform replay FINDING_ID</span>).</li>
${r.requirements.length ? '<li><b>Conformance statement</b>: every sentence of the contract with its verdict and the finding ids that are its evidence.</li>' : ''}
</ul></section>`;
}

function notCoveredSection(r: ComplianceReport): string {
  const uncovered = r.coverage.rows.filter((c) => !c.covered);
  const unjudged = unjudgedGroups(r);
  const untestedFamilies = r.score.families.filter((f) => f.tested === 0);
  const parts: string[] = [];
  parts.push(
    `<h3>Key classes no profile key reaches (${uncovered.length} of ${r.coverage.rows.length})</h3>` +
      (uncovered.length
        ? `<table><thead><tr><th>Class</th><th>What it needs</th></tr></thead><tbody>${uncovered.map((c) => `<tr><td class="mono">${e(c.id)}</td><td>${e(c.description)}</td></tr>`).join('')}</tbody></table>`
        : '<p class="muted">The profile keys reach every class.</p>'),
  );
  parts.push(
    `<h3>Cells not generated or not sent (${r.coverage.not_generated.length})</h3>` +
      (r.coverage.not_generated.length
        ? `<ul class="plain">${r.coverage.not_generated.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`
        : '<p class="muted">None.</p>'),
  );
  if (unjudged.length)
    parts.push(
      `<h3>Cells not judged (${unjudged.reduce((n, g) => n + g.count, 0)})</h3><table id="unjudged"><thead><tr><th>State</th><th class="num">Cells</th><th>Why</th><th>For example</th></tr></thead><tbody>${unjudged.map((g) => `<tr><td>${g.state === 'error' ? 'target error' : 'not sent'}</td><td class="num">${g.count}</td><td>${e(g.why)}</td><td class="mono">${g.examples.map(e).join('<br>')}</td></tr>`).join('')}</tbody></table>`,
    );
  if (untestedFamilies.length)
    parts.push(
      `<h3>Clause families without a cell of their own</h3><p>${untestedFamilies.map((f) => `<span class="mono">${e(f.family)}</span>`).join(', ')} <span class="muted">— no tested cell expects an answer decided by these clauses; checks may still judge them on other cells.</span></p>`,
    );
  if (r.coverage.inventory.problems.length)
    parts.push(
      `<h3>Inventory problems</h3><ul class="plain">${r.coverage.inventory.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul>`,
    );
  return `<section id="not-covered"><h2>Not covered, and why</h2>${parts.join('\n')}</section>`;
}

function baselineSection(r: ComplianceReport): string {
  if (!r.baseline) return '';
  const stale = r.baseline.stale;
  return `<section id="baseline"><h2>Baseline</h2><p>${r.baseline.entries} entr${r.baseline.entries === 1 ? 'y' : 'ies'}, ${r.baseline.matched} matched, ${r.accepted.length} finding${r.accepted.length === 1 ? '' : 's'} accepted.</p>
${stale.length ? `<h3>Stale entries (match nothing in this run)</h3><table><thead><tr><th>case_id</th><th>finding_id</th><th>check</th><th>reason</th></tr></thead><tbody>${stale.map((s) => `<tr class="stale"><td class="mono">${e(s.case_id ?? '')}</td><td class="mono">${e(s.finding_id ?? '')}</td><td class="mono">${e(s.check ?? '')}</td><td>${e(s.reason)}</td></tr>`).join('')}</tbody></table>` : ''}</section>`;
}

function operationsSection(r: ComplianceReport): string {
  const defined = r.score.operations.some((o) => o.cells_defined !== null);
  const rows = r.score.operations
    .map(
      (o) =>
        `<tr><td class="mono">${e(o.operation_id)}</td>${scoreRowCells(o, defined)}<td class="num">${o.failures}</td><td class="num">${o.warnings}</td><td class="num">${o.findings}</td></tr>`,
    )
    .join('');
  return `<section id="operations"><h2>By operation</h2><table><thead>${scoreHead('Operation', defined)}</thead><tbody>${rows}</tbody></table></section>`;
}

function casesSection(r: ComplianceReport): string {
  const rows = r.cases
    .map(
      (c) =>
        `<tr id="case-${idOf(c.case_id)}"><td class="mono">${e(c.case_id)}</td><td class="mono">${e(c.operation_id)}</td><td class="mono">${e(keyLabel(c))}</td><td>${e(c.resource)}</td><td>${e(c.variant)}</td><td class="mono">${e(c.clause)}</td><td class="num">${e(c.expected_status ?? '—')}</td><td class="num">${e(c.actual_status ?? '—')}</td><td class="verdict ${c.verdict}">${e(VERDICT_LABEL[c.verdict])}</td><td class="mono">${e(c.checks.join(', '))}</td></tr>`,
    )
    .join('\n');
  return `<section id="cases"><h2>Every case</h2><details><summary>Show all ${r.cases.length} cases</summary>
<table><thead><tr><th>Case</th><th>Operation</th><th>Key</th><th>Resource</th><th>Variant</th><th>Clause</th><th class="num">Expected</th><th class="num">Actual</th><th>Verdict</th><th>Findings</th></tr></thead><tbody>
${rows}
</tbody></table></details></section>`;
}

/** Renders the report as one self-contained HTML page. */
export function renderHtml(r: ComplianceReport): string {
  const verdict = outcome(r);
  const meta = [
    ['Target', r.target.base_url + (r.target.embedded ? ' (embedded mock)' : '')],
    ['Tool', `${r.tool.name} ${r.tool.version}`],
    ['Spec', r.spec_version],
    ['Seed', String(r.seed)],
    ['Mutations', r.mutations],
    ['Strict', r.strict ? 'yes' : 'no'],
    ['Keys', r.keys.map((k) => k.id).join(', ') || '—'],
  ]
    .map(([k, v]) => `<span>${e(k)} <b>${e(v)}</b></span>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Sequence API compliance: ${e(verdict)} · ${e(r.target.base_url)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="title"><h1>Sequence API compliance report</h1><div class="meta">${meta}</div></div><span class="outcome ${verdict}" id="outcome">${verdict}</span></header>
${r.stopped ? `<p class="banner" id="stopped"><b>Partial report:</b> ${e(r.stopped)}</p>` : ''}<p class="verdict-reason" id="outcome-reason"><b>${e(verdict)}</b>: ${e(r.outcome.reason)}</p>
<main>
${observationsSection(r)}
${scoreSection(r)}
${howToReadSection(r)}
${heatSection(r)}
${findingsSection(r)}
${requirementsSection(r)}
${notCoveredSection(r)}
${baselineSection(r)}
${operationsSection(r)}
${casesSection(r)}
<footer>Generated by ${e(r.tool.name)} ${e(r.tool.version)} · report schema ${r.schema_version} · run started ${e(r.timing.started_at)}</footer>
</main>
</body>
</html>
`;
}
