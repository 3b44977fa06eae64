/** Helpers every renderer shares: labels, percentages, the heat map and per-case lookups. Pure. */
import {
  type CaseRow,
  type CaseVerdict,
  type ComplianceReport,
  type ReportFinding,
  type RunVerdict,
  type ScorePart,
} from '../model.ts';
import { envName } from '../../generators/redaction.ts';
import type { CauseGroup } from '../causes.ts';
import { compareStrings } from '../sort.ts';

/** Orders operation ids as the contract document lists them (`report.operations`), unknown ones last by name. */
export function operationOrder(report: Pick<ComplianceReport, 'operations'>): (a: string, b: string) => number {
  const rank = (x: string): number =>
    report.operations.includes(x) ? report.operations.indexOf(x) : report.operations.length;
  return (a, b) => rank(a) - rank(b) || compareStrings(a, b);
}

/** A ratio as a percentage with one decimal, or an em dash when undefined. */
export function percent(r: number | null): string {
  return r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/** "120 of 130 cells tested" style detail of a score part. */
export function coverageDetail(p: ScorePart): string {
  return p.cells_defined === null ? `${p.tested} cells tested` : `${p.tested} of ${p.cells_defined} cells tested`;
}

/**
 * The overall coverage detail: cells tested of those defined, and what left the rest out (the
 * mutations policy, keys that reach no cell of some key classes).
 */
export function overallCoverageDetail(r: Pick<ComplianceReport, 'score' | 'mutations'>): string {
  const o = r.score.overall;
  const parts = [coverageDetail(o)];
  if (o.withheld) parts.push(`${o.withheld} left out by mutations: ${r.mutations}`);
  const k = o.key_classes;
  if (k && k.total && k.reached < k.total)
    parts.push(`${k.total - k.reached} of ${k.total} key classes not reached (seqconform plan-keys)`);
  return parts.join('; ');
}

/** How family figures are counted, for the reader of a family table (the rule of reports/tally.ts). */
export const FAMILY_RULE =
  "Coverage: the family's own cells (generated for its clauses) sent ÷ defined. Conformance: every cell the family's rules judged (its own; for request IDs and bodies, whose rules hold for every response, every cell their checks ran on; any cell with a finding citing it), each counted once under the family's findings alone (a 5xx fails the cell's own family too): failed with an open MUST finding, warned with SHOULD ones only; passed = judged − failed − accepted.";

/** "114 of 120 tested cells pass" style detail of a score part. */
export function conformanceDetail(p: ScorePart): string {
  return `${p.passed} of ${p.tested} tested cells pass`;
}

/** The run's outcome word, as {@link runVerdict} decided it when the report was built. */
export function outcome(report: ComplianceReport): RunVerdict['outcome'] {
  return report.outcome.outcome;
}

/** Cells that were not judged (target errors, not sent), grouped by state and why. */
export interface UnjudgedGroup {
  state: 'error' | 'not_sent';
  why: string;
  count: number;
  /** Up to five examples: operation, key and resource. */
  examples: string[];
}

/** Groups the report's unjudged cells by state and reason (the request line cut off, so one cause is one group), largest first. */
export function unjudgedGroups(report: ComplianceReport): UnjudgedGroup[] {
  const groups = new Map<string, UnjudgedGroup>();
  for (const c of report.cases) {
    if (c.verdict !== 'error' && c.verdict !== 'not_sent') continue;
    const raw = (c.verdict === 'error' ? c.target_error : c.not_sent) ?? '';
    const why = raw.replace(/^(?:not sent: )?(?:GET|POST) \S+: /, '').replace(/^not sent: /, '');
    const k = `${c.verdict}\u0000${why.replace(/\d+/g, 'N')}`;
    const g = groups.get(k) ?? { state: c.verdict, why, count: 0, examples: [] };
    g.count++;
    if (g.examples.length < 5) g.examples.push(`${c.operation_id} ${keyLabel(c)} ${c.resource}`);
    groups.set(k, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || compareStrings(a.why, b.why));
}

/** The column label of a case: its key id, or the credential used without a key. */
export function keyLabel(row: Pick<CaseRow, 'key_id' | 'credential'>): string {
  return row.key_id ?? `(${row.credential})`;
}

/** Verdicts from worst to best: a heat-map cell shows the worst it holds. */
export const VERDICT_RANK: readonly CaseVerdict[] = ['fail', 'error', 'not_sent', 'warn', 'accepted', 'pass'];

/** One heat-map cell: the cases of one operation and one key. */
export interface HeatCell {
  operation_id: string;
  key: string;
  counts: Record<CaseVerdict, number>;
  total: number;
  /** Worst verdict present, or `na` for no cases. */
  state: CaseVerdict | 'na';
}

/** The heat map: operations (rows) × keys (columns), from the report's cases. */
export interface HeatMap {
  operations: string[];
  keys: string[];
  cells: HeatCell[][];
}

function emptyCounts(): Record<CaseVerdict, number> {
  return { pass: 0, fail: 0, warn: 0, accepted: 0, error: 0, not_sent: 0 };
}

/** Builds the heat map: key columns in profile order, then credentials without a key. */
export function heatMap(report: ComplianceReport): HeatMap {
  const operations = [...new Set(report.cases.map((c) => c.operation_id))].sort(operationOrder(report));
  const profileKeys = report.keys.map((k) => k.id);
  const used = new Set(report.cases.map(keyLabel));
  const keys = [
    ...profileKeys.filter((k) => used.has(k)),
    ...[...used].filter((k) => !profileKeys.includes(k)).sort(compareStrings),
  ];
  const index = new Map<string, HeatCell>();
  const cells = operations.map((op) =>
    keys.map((key) => {
      const cell: HeatCell = { operation_id: op, key, counts: emptyCounts(), total: 0, state: 'na' };
      index.set(`${op}\u0000${key}`, cell);
      return cell;
    }),
  );
  for (const c of report.cases) {
    const cell = index.get(`${c.operation_id}\u0000${keyLabel(c)}`)!;
    cell.counts[c.verdict] += 1;
    cell.total += 1;
  }
  for (const row of cells) for (const cell of row) cell.state = VERDICT_RANK.find((v) => cell.counts[v] > 0) ?? 'na';
  return { operations, keys, cells };
}

/** Findings (open and accepted) by case id. */
export function findingsByCase(report: ComplianceReport): Map<string, Array<ReportFinding & { reason?: string }>> {
  const out = new Map<string, Array<ReportFinding & { reason?: string }>>();
  for (const f of [...report.failures, ...report.warnings, ...report.accepted])
    out.set(f.case_id, [...(out.get(f.case_id) ?? []), f]);
  return out;
}

/**
 * A value as readable text: strings as they are (a string that holds a JSON object or array is
 * pretty-printed), anything else as indented JSON, cut at `max` characters.
 */
export function showValue(v: unknown, max = 2000): string {
  const s =
    typeof v === 'string'
      ? v === ''
        ? '""'
        : prettyJson(v)
      : v === undefined
        ? 'undefined'
        : (JSON.stringify(v, null, 2) ?? String(v));
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}

function prettyJson(s: string): string {
  const t = s.trim();
  if (!/^[[{]/.test(t)) return s;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return s;
  }
}

/** One line naming a cause: clause, check, where, how often, and its message. */
export function causeLine(c: CauseGroup): string {
  const open = c.count - c.accepted;
  const ops = c.operations.length === 1 ? c.operations[0] : `${c.operations.length} operations`;
  return `${c.clause} ${c.check}${c.exposed ? ' [EXPOSED]' : ''} on ${ops} x${open}: ${c.message.replace(/\s+/g, ' ').slice(0, 160)}`;
}

/** The `$KEY_<id>` variables a curl line needs, in order of appearance. */
export function keyVars(curl: string): string[] {
  return [...new Set(curl.match(/\bKEY_[A-Za-z0-9_]+/g) ?? [])];
}

/**
 * The shell lines that set the key variables of a curl line, one per key, naming the key id and
 * never a secret: `export KEY_ONE='<secret of key one>'`.
 */
export function keyExports(curl: string, keyIds: readonly string[]): string[] {
  const idOf = new Map(keyIds.map((id) => [envName(id), id]));
  return keyVars(curl).map((v) => `export ${v}='<secret of key ${idOf.get(v) ?? v.slice(4).toLowerCase()}>'`);
}

/** What a reader does before pasting a curl line: one sentence, or null when the line needs no key. */
export const KEY_HINT =
  "Set the key's secret in your shell first (the export line), or let `seqconform replay FINDING_ID --profile FILE` read it from the profile.";
