/**
 * Compares two reports of the same target: which MUST failures are new, fixed or still there,
 * and how coverage and conformance moved, overall, per clause family and per operation.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MisuseError } from '../openapi/errors.ts';
import { causesOf, SEVERITY_TITLES, type CauseGroup } from './causes.ts';
import { compareClauses } from './clauses.ts';
import {
  isTested,
  type ComplianceReport,
  type FindingGroup,
  type ReportFinding,
  type ScorePart,
  type Summary,
} from './model.ts';
import { percent } from './renderers/common.ts';
import { byKey, chain } from './sort.ts';

/** A MUST finding as the diff lists it. */
export interface DiffFinding {
  case_id: string;
  check: string;
  clause: string;
  operation_id: string;
  key_id: string | null;
  finding_id: string;
  message: string;
  /** True when the baseline accepted it (in the later report for still-failing ones). */
  accepted: boolean;
}

/** A ratio before and after, and the move in percentage points (null when either is undefined). */
export interface Moved {
  before: number | null;
  after: number | null;
  delta: number | null;
}

/** The score of a family or operation that moved. */
export interface MovedPart {
  id: string;
  coverage: Moved;
  conformance: Moved;
}

/** One root cause of a list of the diff: the same deviation on however many operations (reports/causes.ts). */
export interface DiffCause extends Pick<
  CauseGroup,
  'cause_id' | 'severity' | 'check' | 'clause' | 'family' | 'level' | 'exposed' | 'message' | 'operations' | 'keys'
> {
  /** The finding groups (one per operation) of this cause that are in the list; baselines name these. */
  finding_ids: string[];
  /** Findings of the list in this cause, and how many of them a baseline accepted. */
  count: number;
  accepted: number;
  /** Up to three case ids of the list, to find them in the report. */
  cases: string[];
}

/** A run parameter the two reports do not share: their failures may differ because of it. */
export interface Mismatch {
  field: 'target' | 'spec_version' | 'keys' | 'seed' | 'fuzz';
  before: string;
  after: string;
}

/** The difference between two reports. */
export interface ReportDiff {
  /** Where the two runs differ in what they ran against or with; empty when comparable. */
  mismatches: Mismatch[];
  /** MUST findings in `b` that `a` did not have. */
  new_failures: DiffFinding[];
  /** MUST findings of `a` on cases `b` tested without them. */
  fixed: DiffFinding[];
  still_failing: DiffFinding[];
  /** MUST findings of `a` on cases `b` did not test (absent, errored, not sent): neither fixed nor failing. */
  not_retested: DiffFinding[];
  /** The lists above joined into root causes, in the order the report shows causes. */
  causes: { new_failures: DiffCause[]; fixed: DiffCause[]; still_failing: DiffCause[]; not_retested: DiffCause[] };
  /** Open SHOULD findings in `b` that `a` did not have (they gate under --strict). */
  new_warnings: DiffFinding[];
  warnings: { before: number; after: number };
  coverage: Moved;
  conformance: Moved;
  families: MovedPart[];
  operations: MovedPart[];
  summary: { before: Summary; after: Summary };
}

function keyOf(f: Pick<ReportFinding, 'case_id' | 'check' | 'clause'>): string {
  return `${f.case_id}|${f.check}|${f.clause}`;
}

function diffFinding(f: ReportFinding, accepted: boolean): DiffFinding {
  return {
    case_id: f.case_id,
    check: f.check,
    clause: f.clause,
    operation_id: f.operation_id,
    key_id: f.key_id,
    finding_id: f.finding_id,
    message: f.message,
    accepted,
  };
}

function openWarnings(r: ComplianceReport): Map<string, DiffFinding> {
  return new Map(r.warnings.map((f) => [keyOf(f), diffFinding(f, false)]));
}

function mustFindings(r: ComplianceReport): Map<string, DiffFinding> {
  const out = new Map<string, DiffFinding>();
  const add = (f: ReportFinding, accepted: boolean): void => {
    out.set(keyOf(f), {
      case_id: f.case_id,
      check: f.check,
      clause: f.clause,
      operation_id: f.operation_id,
      key_id: f.key_id,
      finding_id: f.finding_id,
      message: f.message,
      accepted,
    });
  };
  for (const f of r.failures) add(f, false);
  for (const f of r.accepted) if (f.level === 'must') add(f, true);
  return out;
}

function moved(before: number | null, after: number | null): Moved {
  return {
    before,
    after,
    delta: before === null || after === null ? null : Math.round((after - before) * 10_000) / 10_000,
  };
}

function movedParts<T extends ScorePart>(a: T[], b: T[], id: (p: T) => string): MovedPart[] {
  const ids = [...new Set([...a.map(id), ...b.map(id)])];
  const out: MovedPart[] = [];
  for (const i of ids) {
    const pa = a.find((p) => id(p) === i);
    const pb = b.find((p) => id(p) === i);
    const cov = moved(pa?.coverage ?? null, pb?.coverage ?? null);
    const con = moved(pa?.conformance ?? null, pb?.conformance ?? null);
    if (cov.before !== cov.after || con.before !== con.after) out.push({ id: i, coverage: cov, conformance: con });
  }
  return out;
}

const order = chain<DiffFinding>(
  (x, y) => compareClauses(x.clause, y.clause),
  byKey((f) => f.operation_id),
  byKey((f) => f.check),
  byKey((f) => f.key_id),
  byKey((f) => f.case_id),
);

/**
 * Joins findings into root causes like the report does: each finding's group (by finding id) of
 * `report`, counted for the findings listed only, then joined across operations by cause id. A
 * report written before causes existed joins nothing: each group is its own cause.
 */
export function diffCauses(list: DiffFinding[], report: ComplianceReport): DiffCause[] {
  const groups = new Map(report.findings.map((g) => [g.finding_id, g]));
  const by = new Map<string, DiffFinding[]>();
  for (const f of list) by.set(f.finding_id, [...(by.get(f.finding_id) ?? []), f]);
  const subset: FindingGroup[] = [...by].map(([id, fs]) => {
    const g = groups.get(id);
    const first = fs[0]!;
    return {
      finding_id: id,
      cause_id: g?.cause_id ?? id,
      exposed: g?.exposed ?? false,
      check: first.check,
      clause: first.clause,
      clause_text: g?.clause_text ?? '',
      family: g?.family ?? /^C-[A-Z]+/.exec(first.clause)?.[0] ?? first.clause,
      level: g?.level ?? 'must',
      operation_id: first.operation_id,
      message: g?.message ?? first.message,
      count: fs.length,
      accepted: fs.filter((f) => f.accepted).length,
      keys: [...new Set(fs.map((f) => f.key_id ?? '(no key)'))].sort(),
      examples: [],
    };
  });
  const cases = new Map<string, string[]>();
  for (const g of subset)
    cases.set(g.cause_id, [...(cases.get(g.cause_id) ?? []), ...by.get(g.finding_id)!.map((f) => f.case_id)]);
  return causesOf(subset).map((c) => ({
    cause_id: c.cause_id,
    severity: c.severity,
    check: c.check,
    clause: c.clause,
    family: c.family,
    level: c.level,
    exposed: c.exposed,
    message: c.message,
    operations: c.operations,
    keys: c.keys,
    finding_ids: c.finding_ids,
    count: c.count,
    accepted: c.accepted,
    cases: [...new Set(cases.get(c.cause_id) ?? [])].sort().slice(0, 3),
  }));
}

/** What the two runs do not share (target, contract version, key ids, seed, fuzz). */
export function mismatchesOf(a: ComplianceReport, b: ComplianceReport): Mismatch[] {
  const out: Mismatch[] = [];
  const cmp = (field: Mismatch['field'], x: unknown, y: unknown): void => {
    const before = String(x ?? '(none)');
    const after = String(y ?? '(none)');
    if (before !== after) out.push({ field, before, after });
  };
  // Each embedded run starts its own mock on a port of its own: the same target, another address.
  if (!(a.target?.embedded && b.target?.embedded)) cmp('target', a.target?.base_url, b.target?.base_url);
  cmp('spec_version', a.spec_version, b.spec_version);
  const ids = (r: ComplianceReport) =>
    (r.keys ?? [])
      .map((k) => k.id)
      .sort()
      .join(', ');
  cmp('keys', ids(a), ids(b));
  cmp('seed', a.seed, b.seed);
  cmp('fuzz', a.fuzz, b.fuzz);
  return out;
}

/** Compares report `a` (before) with report `b` (after). */
export function diffReports(a: ComplianceReport, b: ComplianceReport): ReportDiff {
  const fa = mustFindings(a);
  const fb = mustFindings(b);
  const wa = openWarnings(a);
  const testedInB = new Set(b.cases.filter((c) => isTested(c.verdict)).map((c) => c.case_id));
  const out: ReportDiff = {
    mismatches: mismatchesOf(a, b),
    new_failures: [...fb].filter(([k]) => !fa.has(k)).map(([, f]) => f),
    fixed: [],
    still_failing: [...fb].filter(([k]) => fa.has(k)).map(([, f]) => f),
    not_retested: [],
    causes: { new_failures: [], fixed: [], still_failing: [], not_retested: [] },
    new_warnings: [...openWarnings(b)].filter(([k]) => !wa.has(k)).map(([, f]) => f),
    warnings: { before: a.warnings.length, after: b.warnings.length },
    coverage: moved(a.score.overall.coverage, b.score.overall.coverage),
    conformance: moved(a.score.overall.conformance, b.score.overall.conformance),
    families: movedParts(a.score.families, b.score.families, (p) => p.family),
    operations: movedParts(a.score.operations, b.score.operations, (p) => p.operation_id),
    summary: { before: a.summary, after: b.summary },
  };
  for (const [k, f] of fa) if (!fb.has(k)) (testedInB.has(f.case_id) ? out.fixed : out.not_retested).push(f);
  for (const list of [out.new_failures, out.fixed, out.still_failing, out.not_retested, out.new_warnings])
    list.sort(order);
  out.causes = {
    new_failures: diffCauses(out.new_failures, b),
    fixed: diffCauses(out.fixed, a),
    still_failing: diffCauses(out.still_failing, b),
    not_retested: diffCauses(out.not_retested, a),
  };
  return out;
}

/**
 * The exit code of `diff`: 1 with `failOnNew` when `b` has open MUST findings `a` had not (and,
 * with `strict`, open SHOULD findings too); else 0.
 */
export function diffExitCode(d: ReportDiff, opts: { failOnNew?: boolean; strict?: boolean } = {}): 0 | 1 {
  if (!opts.failOnNew) return 0;
  const open = d.new_failures.filter((f) => !f.accepted).length + (opts.strict ? d.new_warnings.length : 0);
  return open > 0 ? 1 : 0;
}

function points(m: Moved): string {
  if (m.delta === null) return '';
  const pts = Math.round(m.delta * 1000) / 10;
  return pts === 0 ? ' (unchanged)' : ` (${pts > 0 ? '+' : ''}${pts.toFixed(1)} pts)`;
}

const FIELD_TITLES: Readonly<Record<Mismatch['field'], string>> = {
  target: 'target base_url',
  spec_version: 'contract version',
  keys: 'key ids',
  seed: 'seed',
  fuzz: 'fuzz (generated requests per robustness cell)',
};

/** One warning line per parameter the two runs do not share. */
export function mismatchLines(d: Pick<ReportDiff, 'mismatches'>): string[] {
  return d.mismatches.map(
    (m) =>
      `warning: the runs differ in ${FIELD_TITLES[m.field]} (A: ${m.before}; B: ${m.after}): new and fixed failures may come from that, not from the server`,
  );
}

function causeLines(c: DiffCause): string[] {
  const ops = c.operations.length;
  const opsText = ops > 6 ? `${c.operations.slice(0, 6).join(', ')} and ${ops - 6} more` : c.operations.join(', ');
  const accepted = c.accepted ? `, ${c.accepted} accepted` : '';
  return [
    `  ${c.clause} ${c.check}${c.exposed ? ' (exposed: a refused request got 2xx)' : ''}: ${c.message}`,
    `      ${ops} operation${ops === 1 ? '' : 's'}: ${opsText}; ${c.count} finding${c.count === 1 ? '' : 's'}${accepted}; keys ${c.keys.join(', ')}; e.g. case ${c.cases.join(', ')}`,
  ];
}

/** The diff as plain text for terminals and CI logs. */
export function renderDiff(d: ReportDiff): string {
  const out: string[] = [...mismatchLines(d)];
  if (out.length) out.push('');
  out.push(`Conformance ${percent(d.conformance.before)} -> ${percent(d.conformance.after)}${points(d.conformance)}`);
  out.push(`Coverage    ${percent(d.coverage.before)} -> ${percent(d.coverage.after)}${points(d.coverage)}`);
  out.push(
    `Failed cases ${d.summary.before.failed} -> ${d.summary.after.failed}; warnings ${d.warnings.before} -> ${d.warnings.after}`,
  );
  const section = (title: string, list: DiffFinding[], causes: DiffCause[]): void => {
    const n = causes.length;
    out.push(
      '',
      `${title} (${list.length}${list.length ? ` in ${n} root cause${n === 1 ? '' : 's'}` : ''})${list.length ? ':' : ''}`,
    );
    let severity = '';
    for (const c of causes) {
      if (c.severity !== severity) out.push(`  ${SEVERITY_TITLES[c.severity]}:`);
      severity = c.severity;
      out.push(...causeLines(c).map((l) => `  ${l}`));
    }
  };
  section('New failures', d.new_failures, d.causes.new_failures);
  section('Fixed', d.fixed, d.causes.fixed);
  section('Still failing', d.still_failing, d.causes.still_failing);
  if (d.not_retested.length) section('Not retested', d.not_retested, d.causes.not_retested);
  if (d.new_warnings.length)
    out.push('', `New warnings (SHOULD; they fail the gate under --strict): ${d.new_warnings.length}`);
  const moves = [
    ...d.families.map((p) => ({ ...p, kind: 'family' })),
    ...d.operations.map((p) => ({ ...p, kind: 'operation' })),
  ];
  if (moves.length) {
    out.push('', 'Moved:');
    for (const p of moves)
      out.push(
        `  ${p.kind} ${p.id}: coverage ${percent(p.coverage.before)} -> ${percent(p.coverage.after)}, conformance ${percent(p.conformance.before)} -> ${percent(p.conformance.after)}`,
      );
  }
  return `${out.join('\n')}\n`;
}

/** Reads a report.json (or the directory holding one). Throws `REPORT_READ_FAILED` when missing, garbled or of another schema. */
export function readReport(path: string): ComplianceReport {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'report.json');
  } catch {
    throw new MisuseError('REPORT_READ_FAILED', path, 'no such file or directory');
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MisuseError(
      'REPORT_READ_FAILED',
      file,
      code ? `cannot read the report: ${code}` : `the report is not JSON: ${(e as Error).message}`,
    );
  }
  const v = value as Partial<ComplianceReport> | null;
  if (typeof v !== 'object' || v === null || v.schema_version !== 1)
    throw new MisuseError('REPORT_READ_FAILED', file, 'not a report.json of schema_version 1');
  if (
    !v.summary ||
    !v.score?.overall ||
    !Array.isArray(v.failures) ||
    !Array.isArray(v.accepted) ||
    !Array.isArray(v.warnings) ||
    !Array.isArray(v.cases)
  )
    throw new MisuseError(
      'REPORT_READ_FAILED',
      file,
      'the report lacks summary, score, failures, warnings, accepted or cases',
    );
  return v as ComplianceReport;
}

/** Alias of {@link readReport}. */
export const loadReport = readReport;
