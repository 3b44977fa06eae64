/**
 * Compares two reports of the same target: which MUST failures are new, fixed or still there,
 * and how coverage and conformance moved, overall, per clause family and per operation.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MisuseError } from '../openapi/errors.ts';
import { compareClauses } from './clauses.ts';
import { isTested, type ComplianceReport, type ReportFinding, type ScorePart, type Summary } from './model.ts';
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

/** The difference between two reports. */
export interface ReportDiff {
  /** MUST findings in `b` that `a` did not have. */
  new_failures: DiffFinding[];
  /** MUST findings of `a` on cases `b` tested without them. */
  fixed: DiffFinding[];
  still_failing: DiffFinding[];
  /** MUST findings of `a` on cases `b` did not test (absent, errored, not sent): neither fixed nor failing. */
  not_retested: DiffFinding[];
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

/** Compares report `a` (before) with report `b` (after). */
export function diffReports(a: ComplianceReport, b: ComplianceReport): ReportDiff {
  const fa = mustFindings(a);
  const fb = mustFindings(b);
  const testedInB = new Set(b.cases.filter((c) => isTested(c.verdict)).map((c) => c.case_id));
  const out: ReportDiff = {
    new_failures: [...fb].filter(([k]) => !fa.has(k)).map(([, f]) => f),
    fixed: [],
    still_failing: [...fb].filter(([k]) => fa.has(k)).map(([, f]) => f),
    not_retested: [],
    warnings: { before: a.warnings.length, after: b.warnings.length },
    coverage: moved(a.score.overall.coverage, b.score.overall.coverage),
    conformance: moved(a.score.overall.conformance, b.score.overall.conformance),
    families: movedParts(a.score.families, b.score.families, (p) => p.family),
    operations: movedParts(a.score.operations, b.score.operations, (p) => p.operation_id),
    summary: { before: a.summary, after: b.summary },
  };
  for (const [k, f] of fa) if (!fb.has(k)) (testedInB.has(f.case_id) ? out.fixed : out.not_retested).push(f);
  for (const list of [out.new_failures, out.fixed, out.still_failing, out.not_retested]) list.sort(order);
  return out;
}

function points(m: Moved): string {
  if (m.delta === null) return '';
  const pts = Math.round(m.delta * 1000) / 10;
  return pts === 0 ? ' (unchanged)' : ` (${pts > 0 ? '+' : ''}${pts.toFixed(1)} pts)`;
}

function line(f: DiffFinding): string {
  return `  ${f.clause} ${f.operation_id} ${f.key_id ?? '(no key)'} ${f.check}: ${f.message} [case ${f.case_id}]${f.accepted ? ' (accepted)' : ''}`;
}

/** The diff as plain text for terminals and CI logs. */
export function renderDiff(d: ReportDiff): string {
  const out: string[] = [];
  out.push(`Conformance ${percent(d.conformance.before)} -> ${percent(d.conformance.after)}${points(d.conformance)}`);
  out.push(`Coverage    ${percent(d.coverage.before)} -> ${percent(d.coverage.after)}${points(d.coverage)}`);
  out.push(
    `Failed cases ${d.summary.before.failed} -> ${d.summary.after.failed}; warnings ${d.warnings.before} -> ${d.warnings.after}`,
  );
  const section = (title: string, list: DiffFinding[]): void => {
    out.push('', `${title} (${list.length})${list.length ? ':' : ''}`);
    for (const f of list) out.push(line(f));
  };
  section('New failures', d.new_failures);
  section('Fixed', d.fixed);
  section('Still failing', d.still_failing);
  if (d.not_retested.length) section('Not retested', d.not_retested);
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
