/**
 * The canonical compliance report: one plain, deterministic object built from a run's meta and
 * case results. Every rendering (JSON, HTML, Markdown, JUnit) is a pure function of it.
 */
import { createHash } from 'node:crypto';
import type { CoverageRow } from '../generators/key-plan.ts';
import { checkCatalog } from '../suites/checks/index.ts';
import { cellState, type CaseResult, type CellState, type Finding, type RunMeta } from '../suites/results.ts';
import { matchBaseline, type Baseline, type BaselineEntry } from './baseline.ts';
import { clauseFamily, clauseText, compareClauses, compareFamilies, FAMILIES, FAMILY_TITLES } from './clauses.ts';
import { OUTSIDE_API } from '../suites/scenarios/robustness.ts';
import { causeId, causesOf, type CauseGroup } from './causes.ts';
import { requirementRows, type RequirementRow, type RequirementSpec } from './requirements.ts';
import { byKey, chain, compareStrings, uniqueSorted } from './sort.ts';
import { tally, type Tally, type TallyFinding } from './tally.ts';

/**
 * Something the reader should know that is not a contract finding (the contract has no clause for
 * it): the target sent back a form of a key's secret (masked where it entered the suite), or the
 * final guard had to mask one before writing.
 */
export interface Observation {
  kind: 'credential_echo' | 'masked_at_write';
  key_id: string;
  /** Places masked, over all fields. */
  places: number;
  /** Where: `header x-debug`, `body error.code`, `failures[].message`… */
  fields: string[];
  note: string;
}

/** Groups maskings by key into observations of one kind. */
export function observationsOf(
  kind: Observation['kind'],
  masked: ReadonlyArray<{ key_id: string; field: string; places: number }>,
): Observation[] {
  const byKey = new Map<string, Observation>();
  for (const m of masked) {
    const o = byKey.get(m.key_id) ?? {
      kind,
      key_id: m.key_id,
      places: 0,
      fields: [],
      note:
        kind === 'credential_echo'
          ? `the target sent back a form of key ${m.key_id}'s secret; it was masked where the response entered the suite (no contract clause covers this: an observation, not a finding)`
          : `a form of key ${m.key_id}'s secret reached the report and was masked before writing`,
    };
    o.places += m.places;
    if (!o.fields.includes(m.field)) o.fields.push(m.field);
    byKey.set(m.key_id, o);
  }
  return [...byKey.values()]
    .map((o) => ({ ...o, fields: [...o.fields].sort() }))
    .sort((a, b) => a.key_id.localeCompare(b.key_id));
}

/** Version of the report's JSON form; bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = 1;

/** How many example findings a group keeps. */
export const GROUP_EXAMPLES = 5;

/**
 * Optional run facts the report reads when the run provides them (not yet part of
 * {@link RunMeta}): cells the matrix defines per clause family and per operation, which give
 * coverage per family and operation. Without them those coverages are null.
 */
export interface RunMetaExtras {
  cells_defined_by_family?: Record<string, number>;
  cells_defined_by_operation?: Record<string, number>;
}

/**
 * The state a cell ends in, in the report. `accepted`: every finding matched the baseline;
 * `error`: sent, but the target gave no usable answer; `not_sent`: never judged (the breaker
 * was open, the wait budget spent). The last two carry why.
 */
export type CaseVerdict = CellState;

/** A finding as the report lists it, with the id of its group (which baselines may name). */
export interface ReportFinding extends Finding {
  finding_id: string;
}

/** A finding the baseline accepted, with the baseline's reason. */
export interface AcceptedFinding extends ReportFinding {
  reason: string;
}

/** Findings of one check, clause, operation and message shape. */
export interface FindingGroup {
  /** Deterministic id from a structured key (see {@link findingId}), never from message text. */
  finding_id: string;
  /** The root cause this group belongs to, the same deviation on other operations (see reports/causes.ts). */
  cause_id: string;
  /** True when a request the contract refuses got a 2xx: data or an action a key must not have. */
  exposed: boolean;
  check: string;
  clause: string;
  clause_text: string;
  family: string;
  /** `must` when any finding of the group is a MUST. */
  level: 'must' | 'should';
  operation_id: string;
  /** The message with IDs and counts blanked out. */
  message: string;
  count: number;
  /** How many of `count` the baseline accepted. */
  accepted: number;
  keys: string[];
  /** Up to {@link GROUP_EXAMPLES} findings, first by case id. */
  examples: ReportFinding[];
}

/**
 * Coverage and conformance of a set of cells, counted under the one rule of reports/tally.ts.
 * Ratios are rounded to 4 decimals; null when undefined.
 */
export interface ScorePart {
  /** Cells the contract defines for these keys, when known (the mutations policy's left-outs included). */
  cells_defined: number | null;
  /** Cells sent and judged (not target errors, not unsent). */
  tested: number;
  /** Tested cells without an open MUST finding and not accepted (warnings pass). */
  passed: number;
  /** Sent and judged cells of their own ÷ cells_defined. */
  coverage: number | null;
  /** passed ÷ tested. */
  conformance: number | null;
}

/**
 * The score of one clause family. Coverage counts the family's own cells (those generated for its
 * clauses): sent ÷ defined. Conformance judges every cell the family's rules judged (its own
 * cells, cells a check of the family ran on, cells with a finding citing it), each once, under
 * the family's findings alone: so `passed + failures + accepted = tested`.
 */
export interface FamilyScore extends ScorePart {
  family: string;
  title: string;
  /** Cells of the family's own clauses that were sent and judged. */
  sent: number;
  /** Cells with an open MUST finding citing the family. */
  failures: number;
  /** Cells with open SHOULD findings citing it and no MUST one (counted in `passed`). */
  warnings: number;
  /** Cells whose findings citing the family the baseline all accepted. */
  accepted: number;
  /** Open findings citing the family. */
  findings: number;
}

/** The score of one operation: each of its cells once, under all its findings. */
export interface OperationScore extends ScorePart {
  operation_id: string;
  /** Failed cells. */
  failures: number;
  /** Cells that warn (counted in `passed`). */
  warnings: number;
  accepted: number;
  /** Open findings. */
  findings: number;
}

/** The compliance score, in two parts (coverage, conformance), overall and broken down. */
export interface Score {
  overall: ScorePart & {
    /** Of cells_defined, the cells the mutations policy left out (never sent). */
    withheld: number;
    /** Key classes (plan-keys) the profile's keys reach, of all. */
    key_classes: { reached: number; total: number };
  };
  families: FamilyScore[];
  operations: OperationScore[];
  /** The part of `overall` that is multi-request scenarios (they are cells of the matrix too). */
  scenarios: { tested: number; passed: number };
}

/** One case of the run, compact. */
export interface CaseRow {
  case_id: string;
  kind: 'case' | 'scenario' | 'discovery';
  clause: string;
  family: string;
  /** The suite group of the cell (authn, lists…). */
  group: string;
  operation_id: string;
  key_id: string | null;
  credential: string;
  resource: string;
  variant: string;
  expected_status: number | null;
  expected_code: string | null;
  actual_status: number | null;
  actual_code: string | null;
  verdict: CaseVerdict;
  /** Checks with a finding on this case. */
  checks: string[];
  /** Why the target gave no usable answer (verdict `error`). */
  target_error?: string;
  /** Why the cell was not sent (verdict `not_sent`). */
  not_sent?: string;
}

/**
 * Counts of cells by state. The accounting invariant: `selected` = `cases` = passed + failed +
 * warnings + accepted + errors + not_sent; {@link buildReport} makes it hold and `accounting` says so.
 */
export interface Summary {
  /** Cells the run selected (matrix cells after policy, --only and --shard, plus discovery steps). */
  selected: number;
  cases: number;
  passed: number;
  failed: number;
  warnings: number;
  not_sent: number;
  errors: number;
  accepted: number;
}

/** The outcome of a run, computed in one place ({@link runVerdict}) for every rendering and the exit code. */
export interface RunVerdict {
  /** PASS and WARN exit 0; FAIL exits 1; INCOMPLETE (cells not judged, no MUST failure) exits 2. */
  outcome: 'PASS' | 'WARN' | 'FAIL' | 'INCOMPLETE';
  exit: 0 | 1 | 2;
  /** One line: why the outcome is what it is. */
  reason: string;
}

/** The whole report. Everything but `timing` is a function of the run's content. */
export interface ComplianceReport {
  schema_version: 1;
  /** PASS, WARN, FAIL or INCOMPLETE, the exit code and why: the headline of every rendering. */
  outcome: RunVerdict;
  tool: { name: 'seqconform'; version: string };
  spec_version: string;
  target: { base_url: string; embedded: boolean };
  seed: number;
  /** Generated requests per robustness cell; with `seed`, replays the robustness phase. */
  fuzz?: number;
  strict: boolean;
  mutations: RunMeta['mutations'];
  /** Profile keys: ids, organizations and scopes; never a secret. */
  keys: Array<{ id: string; org: string; revoked: boolean; scopes: string[] }>;
  /** Operation ids in the contract document's order. */
  operations: string[];
  timing: {
    started_at: string;
    inventory_started_at: string;
    duration_ms: number | null;
    cases_ms: number;
    rate_limited_waits: number;
  };
  summary: Summary;
  score: Score;
  failures: ReportFinding[];
  warnings: ReportFinding[];
  accepted: AcceptedFinding[];
  findings: FindingGroup[];
  /** The finding groups joined across operations, in the order a reader must see them (reports/causes.ts). */
  causes: CauseGroup[];
  /** The checks that judged this run, with their clauses. */
  checks: Array<{ id: string; clauses: string[]; description: string }>;
  coverage: {
    rows: CoverageRow[];
    not_generated: string[];
    inventory: { orgs: RunMeta['inventory']['orgs']; problems: string[] };
  };
  baseline: { entries: number; matched: number; stale: BaselineEntry[] } | null;
  /** Why the run stopped sending before the end (the target died), or null. */
  stopped: string | null;
  /** What the reader should know that is not a finding: credentials the target echoed, secrets masked at writing. */
  observations: Observation[];
  /** The conformance statement: every requirement of the contract with its verdict and evidence. */
  requirements: RequirementRow[];
  /** The accounting check: every selected cell has exactly one state. `problems` names any that did not. */
  accounting: { selected: number; recorded: number; ok: boolean; problems: string[] };
  cases: CaseRow[];
}

/** Options of {@link buildReport}. */
export interface BuildOptions {
  baseline?: Baseline;
  /** Wall time of the run, for the timing block. */
  durationMs?: number;
  /** Why the run stopped sending early, if it did. */
  stopped?: string;
  /** The contract's requirements (suites/requirements.ts), for the conformance statement. */
  requirements?: readonly RequirementSpec[];
  /** Credentials the target echoed (masked at the response boundary), by key and field. */
  echoes?: ReadonlyArray<{ key_id: string; field: string; places: number }>;
  /** What the guard masked in the results before the report was built. */
  masked?: ReadonlyArray<{ key_id: string; field: string; places: number }>;
}

const ID_TOKEN = /\b(?:acc|rule|rex|txr|card|ctx|req)_[A-Za-z0-9_-]+/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const LONG_TOKEN = /\b(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{16,}\b/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The shape of a message: key ids, resource IDs, quoted values, `name=value` values and counts
 * blanked out, HTTP statuses (100–599) kept, and a trailing list of IDs cut, so that the same
 * deviation on different resources and keys falls into one group.
 */
export function messageShape(message: string, keyIds: readonly string[] = []): string {
  let out = message;
  for (const k of [...keyIds].sort((a, b) => b.length - a.length))
    if (k) out = out.replace(new RegExp(`(?<![\\w-])${escapeRegExp(k)}(?![\\w-])`, 'g'), '<key>');
  return out
    .replace(ID_TOKEN, '<id>')
    .replace(UUID, '<id>')
    .replace(LONG_TOKEN, '<id>')
    .replace(/"[^"]*"/g, '"<v>"')
    .replace(/\b([A-Za-z_]+)=[^\s;,&]+/g, '$1=<v>')
    .replace(/\d+/g, (d) => (/^[1-5]\d\d$/.test(d) ? d : '<n>'))
    .replace(/: <id>[\s\S]*$/, ': <id>…')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a finding's group id is made of besides the finding: its cell's credential and statuses. */
export interface FindingCell {
  credential: string;
  expected_status: number | null;
  actual_status: number | null;
}

/** A variant name with what depends on the data (IDs, times) blanked: `filter source_id=acc_1` → `filter source_id=<id>`. */
export function variantShape(variant: string): string {
  return variant
    .replace(ID_TOKEN, '<id>')
    .replace(UUID, '<id>')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})/g, '<time>');
}

/**
 * The group id of a finding, from a structured key and never from its message, so rewording a
 * message keeps every baseline valid: sha256 of check | clause | operation | credential |
 * expected and actual status | variant shape, 16 hex digits. The same deviation for other keys
 * and resources falls into one group.
 */
export function findingId(
  f: Pick<Finding, 'check' | 'clause' | 'operation_id' | 'variant'> & Partial<Pick<Finding, 'resource'>>,
  cell: FindingCell,
): string {
  const parts = [
    f.check,
    f.clause,
    f.operation_id,
    cell.credential,
    cell.expected_status ?? '-',
    cell.actual_status ?? '-',
    variantShape(f.variant),
  ];
  // A robustness cell is one kind of input (ids, query, body…) of one operation: its kind is part of the key.
  if (f.check === 'robust_on_unusual_requests') parts.push((f.resource ?? '').split(' ')[0] ?? '');
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16);
}

function shapeKeys(f: Pick<Finding, 'key_id'>, keyIds: readonly string[]): readonly string[] {
  return f.key_id && !keyIds.includes(f.key_id) ? [...keyIds, f.key_id] : keyIds;
}

const compareFindings = chain<Finding>(
  (a, b) => compareClauses(a.clause, b.clause),
  byKey((f) => f.operation_id),
  byKey((f) => f.check),
  byKey((f) => f.key_id),
  byKey((f) => f.case_id),
  byKey((f) => f.message),
);

const compareRows = chain<CaseRow>(
  byKey((r) => r.operation_id),
  byKey((r) => r.key_id ?? `~${r.credential}`),
  byKey((r) => r.resource),
  byKey((r) => r.variant),
  byKey((r) => r.case_id),
);

function ratio(n: number, d: number | null): number | null {
  return d === null || d === 0 ? null : Math.round((n / d) * 10_000) / 10_000;
}

function scoreOf(t: Tally, sent: number, defined: number | null): ScorePart {
  return {
    cells_defined: defined,
    tested: t.judged,
    passed: t.passed,
    coverage: ratio(sent, defined),
    conformance: ratio(t.passed, t.judged),
  };
}

/** True for verdicts of cases that were sent and judged. */
export function isTested(v: CaseVerdict): boolean {
  return v === 'pass' || v === 'fail' || v === 'warn' || v === 'accepted';
}

function verdictOf(r: CaseResult, open: Finding[]): CaseVerdict {
  const unanswered =
    r.verdict === 'error' || r.target_error !== undefined
      ? 'error'
      : r.verdict === 'not_sent' || r.not_sent !== undefined
        ? 'not_sent'
        : undefined;
  return cellState(open, r.findings.length - open.length, unanswered);
}

interface Tagged {
  f: ReportFinding;
  accepted: boolean;
  cause: string;
  exposed: boolean;
}

function groupFindings(all: Tagged[], keyIds: readonly string[]): FindingGroup[] {
  const groups = new Map<string, Tagged[]>();
  for (const x of all) groups.set(x.f.finding_id, [...(groups.get(x.f.finding_id) ?? []), x]);
  const out: FindingGroup[] = [];
  for (const [id, xs] of groups) {
    const fs = xs
      .map((x) => x.f)
      .sort(
        chain(
          byKey((f) => f.case_id),
          compareFindings,
        ),
      );
    const first = fs[0]!;
    out.push({
      finding_id: id,
      cause_id: xs[0]!.cause,
      exposed: xs.some((x) => x.exposed),
      check: first.check,
      clause: first.clause,
      clause_text: clauseText(first.clause),
      family: clauseFamily(first.clause),
      level: fs.some((f) => f.level === 'must') ? 'must' : 'should',
      operation_id: first.operation_id,
      message: messageShape(first.message, shapeKeys(first, keyIds)),
      count: fs.length,
      accepted: xs.filter((x) => x.accepted).length,
      keys: uniqueSorted(fs.map((f) => f.key_id ?? '(no key)')),
      examples: fs.slice(0, GROUP_EXAMPLES),
    });
  }
  return out.sort(
    chain<FindingGroup>(
      (a, b) => compareClauses(a.clause, b.clause),
      (a, b) => (a.level === b.level ? 0 : a.level === 'must' ? -1 : 1),
      (a, b) => b.count - a.count,
      byKey((g) => g.operation_id),
      byKey((g) => g.check),
      byKey((g) => g.finding_id),
    ),
  );
}

/** Families whose clauses hold for every response: their checks judge every cell they run on. */
const EVERY_RESPONSE_FAMILIES: ReadonlySet<string> = new Set(['C-REQID', 'C-BODY']);

/**
 * Builds the report of a run. Cases with an open MUST finding fail; with only SHOULD findings
 * they warn; findings the baseline matches are accepted (listed under `accepted`, not hidden).
 */
export function buildReport(meta: RunMeta, results: CaseResult[], opts: BuildOptions = {}): ComplianceReport {
  const extras = meta as RunMeta & RunMetaExtras;
  const failures: ReportFinding[] = [];
  const warnings: ReportFinding[] = [];
  const accepted: AcceptedFinding[] = [];
  const all: Tagged[] = [];
  const hits = new Map<BaselineEntry, number>();
  const keyIds = meta.keys.map((k) => k.id);
  const rows: CaseRow[] = [];
  const sorted = [...results].sort(byKey((r) => r.case_id));

  for (const r of sorted) {
    const open: Finding[] = [];
    const cell: FindingCell = {
      credential: r.credential,
      expected_status: r.expected.status,
      actual_status: r.actual?.status ?? null,
    };
    const exposed =
      cell.expected_status !== null &&
      cell.expected_status >= 400 &&
      cell.actual_status !== null &&
      cell.actual_status >= 200 &&
      cell.actual_status < 300;
    for (const f of r.findings) {
      const rf: ReportFinding = { ...f, finding_id: findingId(f, cell) };
      const entry = opts.baseline ? matchBaseline(opts.baseline, rf) : undefined;
      all.push({
        f: rf,
        accepted: entry !== undefined,
        cause: causeId(f, cell),
        exposed: exposed || f.check === 'no_resource_leak',
      });
      if (entry) {
        hits.set(entry, (hits.get(entry) ?? 0) + 1);
        accepted.push({ ...rf, reason: entry.reason });
      } else {
        open.push(f);
        (f.level === 'must' ? failures : warnings).push(rf);
      }
    }
    const row: CaseRow = {
      case_id: r.case_id,
      kind: r.kind,
      clause: r.expected.clause,
      family: clauseFamily(r.expected.clause),
      group: r.group,
      operation_id: r.operation_id,
      key_id: r.key_id,
      credential: r.credential,
      resource: r.resource,
      variant: r.variant,
      expected_status: r.expected.status,
      expected_code: r.expected.code,
      actual_status: r.actual?.status ?? null,
      actual_code: r.actual?.code ?? null,
      verdict: verdictOf(r, open),
      checks: uniqueSorted(r.findings.map((f) => f.check)),
    };
    if (row.verdict === 'error') row.target_error = r.target_error ?? 'no usable answer';
    if (row.verdict === 'not_sent') row.not_sent = r.not_sent ?? 'not sent';
    rows.push(row);
  }
  rows.sort(compareRows);
  failures.sort(compareFindings);
  warnings.sort(compareFindings);
  accepted.sort(compareFindings);

  const count = (v: CaseVerdict): number => rows.filter((r) => r.verdict === v).length;
  const summary: Summary = {
    selected: meta.selected ?? rows.length,
    cases: rows.length,
    passed: count('pass'),
    failed: count('fail'),
    warnings: count('warn'),
    not_sent: count('not_sent'),
    errors: count('error'),
    accepted: count('accepted'),
  };
  const accounting = account(summary, results);

  const scenarios = rows.filter((r) => r.kind === 'scenario');
  const catalog = new Map(checkCatalog().map((c) => [c.id, c]));
  const tagged = new Map<string, TallyFinding[]>();
  for (const x of all)
    tagged.set(x.f.case_id, [
      ...(tagged.get(x.f.case_id) ?? []),
      { case_id: x.f.case_id, check: x.f.check, clause: x.f.clause, level: x.f.level, accepted: x.accepted },
    ]);
  const findingsOf = (id: string): readonly TallyFinding[] => tagged.get(id) ?? [];
  const openCount = (keep: (f: TallyFinding) => boolean): number =>
    all.filter((x) => !x.accepted && keep({ ...x.f, accepted: false })).length;
  const sentOf = (cells: CaseRow[]): number => cells.filter((r) => isTested(r.verdict)).length;
  // The families whose clauses hold for every response (request IDs, bodies and headers) judge
  // every cell their checks ran on; any other family judges its own cells and those citing it.
  const familyOfCheck = new Map<string, string>();
  for (const c of catalog.values()) {
    const fams = new Set([...c.clauses].map((x) => clauseFamily(x)));
    const only = [...fams][0];
    if (fams.size === 1 && only && EVERY_RESPONSE_FAMILIES.has(only)) familyOfCheck.set(c.id, only);
  }
  const checkFamilies = new Map<string, Set<string>>();
  for (const r of results) checkFamilies.set(r.case_id, new Set(r.checks.flatMap((id) => familyOfCheck.get(id) ?? [])));
  const familyOfCase = new Map(rows.map((r) => [r.case_id, r.family]));
  const familyIds = uniqueSorted([
    ...FAMILIES,
    ...rows.map((r) => r.family),
    ...Object.keys(extras.cells_defined_by_family ?? {}),
  ]).sort(compareFamilies);
  const families: FamilyScore[] = familyIds.map((family) => {
    const cites = (f: TallyFinding): boolean => clauseFamily(f.clause) === family;
    const judgedBy = rows.filter(
      (r) => r.family === family || checkFamilies.get(r.case_id)?.has(family) || findingsOf(r.case_id).some(cites),
    );
    // A 5xx (no_5xx) answers no rule of the cell's own family either: it fails the cell there too.
    const t = tally(
      judgedBy,
      findingsOf,
      (f) => cites(f) || (f.check === 'no_5xx' && familyOfCase.get(f.case_id) === family),
    );
    return {
      family,
      title: FAMILY_TITLES[family] ?? family,
      ...scoreOf(t, sentOf(rows.filter((r) => r.family === family)), extras.cells_defined_by_family?.[family] ?? null),
      sent: sentOf(rows.filter((r) => r.family === family)),
      failures: t.failed,
      warnings: t.warned,
      accepted: t.accepted,
      findings: openCount(cites),
    };
  });
  const operationIds = uniqueSorted([
    ...rows.map((r) => r.operation_id),
    ...Object.keys(extras.cells_defined_by_operation ?? {}),
  ]);
  // The cell of paths and methods outside the API belongs to no operation: it counts overall and by family only.
  const operations: OperationScore[] = operationIds.map((op) => {
    const mine = rows.filter((r) => r.operation_id === op && r.resource !== OUTSIDE_API);
    const t = tally(mine, findingsOf);
    return {
      operation_id: op,
      ...scoreOf(t, sentOf(mine), extras.cells_defined_by_operation?.[op] ?? null),
      failures: t.failed,
      warnings: t.warned,
      accepted: t.accepted,
      findings: all.filter((x) => !x.accepted && x.f.operation_id === op && x.f.resource !== OUTSIDE_API).length,
    };
  });
  const overall = tally(rows, findingsOf);

  const checkIds = uniqueSorted([
    ...results.flatMap((r) => r.checks),
    ...results.flatMap((r) => r.findings.map((f) => f.check)),
  ]);

  const findings = groupFindings(all, keyIds);
  const report: ComplianceReport = {
    schema_version: REPORT_SCHEMA_VERSION,
    outcome: { outcome: 'PASS', exit: 0, reason: '' },
    tool: { name: 'seqconform', version: meta.tool_version },
    spec_version: meta.spec_version,
    target: { base_url: meta.target.base_url, embedded: meta.target.embedded },
    seed: meta.seed,
    ...(meta.fuzz !== undefined ? { fuzz: meta.fuzz } : {}),
    strict: meta.strict,
    mutations: meta.mutations,
    keys: [...meta.keys]
      .sort(byKey((k) => k.id))
      .map((k) => ({ id: k.id, org: k.org, revoked: k.revoked, scopes: uniqueSorted(k.scopes) })),
    operations: meta.operations ?? uniqueSorted(results.map((r) => r.operation_id)),
    timing: {
      started_at: meta.started_at,
      inventory_started_at: meta.inventory.started_at,
      duration_ms: opts.durationMs ?? null,
      cases_ms: results.reduce((s, r) => s + (r.duration_ms || 0), 0),
      rate_limited_waits: results.reduce((s, r) => s + (r.rate_limited || 0), 0),
    },
    summary,
    score: {
      overall: {
        ...scoreOf(overall, sentOf(rows), meta.cells_defined),
        withheld: meta.cells_withheld ?? 0,
        key_classes: { reached: meta.coverage.filter((c) => c.covered).length, total: meta.coverage.length },
      },
      families,
      operations,
      scenarios: {
        tested: tally(scenarios, findingsOf).judged,
        passed: tally(scenarios, findingsOf).passed,
      },
    },
    failures,
    warnings,
    accepted,
    findings,
    causes: causesOf(findings),
    checks: checkIds.map((id) => {
      const c = catalog.get(id);
      return { id, clauses: c ? [...c.clauses] : [], description: c?.description ?? '' };
    }),
    coverage: {
      rows: meta.coverage.map((c) => ({ ...c, keys: uniqueSorted(c.keys) })),
      not_generated: uniqueSorted(meta.not_generated),
      inventory: {
        orgs: [...meta.inventory.orgs].sort(byKey((o) => o.org)),
        problems: uniqueSorted(meta.inventory.problems),
      },
    },
    baseline: opts.baseline
      ? {
          entries: opts.baseline.accepted.length,
          matched: hits.size,
          stale: opts.baseline.accepted.filter((e) => !hits.has(e)),
        }
      : null,
    stopped: opts.stopped ?? null,
    observations: [
      ...observationsOf('credential_echo', opts.echoes ?? []),
      ...observationsOf('masked_at_write', opts.masked ?? []),
    ],
    requirements: requirementRows(opts.requirements ?? [], rows, all, meta.coverage),
    accounting,
    cases: rows,
  };
  report.outcome = runVerdict(report);
  return report;
}

/** Checks the accounting invariant: one state per selected cell, every state counted once. */
function account(s: Summary, results: CaseResult[]): ComplianceReport['accounting'] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const r of results) {
    if (ids.has(r.case_id)) problems.push(`cell ${r.case_id} has more than one result`);
    ids.add(r.case_id);
  }
  const sum = s.passed + s.failed + s.warnings + s.accepted + s.errors + s.not_sent;
  if (sum !== s.cases) problems.push(`the states add up to ${sum}, not to the ${s.cases} cells recorded`);
  if (s.cases !== s.selected) problems.push(`${s.selected} cells were selected but ${s.cases} recorded`);
  return { selected: s.selected, recorded: s.cases, ok: problems.length === 0, problems };
}

/**
 * The outcome of a run and its exit code, from the states of its cells: FAIL (exit 1) when a MUST
 * failed (or, with `strict`, anything warned); else INCOMPLETE (exit 2) when a cell was not judged
 * (a target error, not sent, the run stopped early, or the accounting does not hold); else WARN or
 * PASS (exit 0). Every rendering's headline and the CLI's exit code come from here.
 */
export function runVerdict(report: ComplianceReport, strict: boolean = report.strict): RunVerdict {
  const s = report.summary;
  const unjudged = s.errors + s.not_sent;
  const incomplete = unjudged > 0 || report.stopped !== null || !report.accounting.ok;
  const why = [
    report.stopped ? `the run stopped early: ${report.stopped}` : '',
    unjudged ? `${unjudged} of ${s.selected} cells not judged (${s.errors} target errors, ${s.not_sent} not sent)` : '',
    report.accounting.ok ? '' : `accounting: ${report.accounting.problems.join('; ')}`,
  ].filter(Boolean);
  if (s.failed > 0) return { outcome: 'FAIL', exit: 1, reason: [`${s.failed} cells failed a MUST`, ...why].join('; ') };
  if (strict && s.warnings > 0)
    return { outcome: 'FAIL', exit: 1, reason: [`${s.warnings} cells warned under --strict`, ...why].join('; ') };
  if (incomplete) return { outcome: 'INCOMPLETE', exit: 2, reason: why.join('; ') };
  if (s.warnings > 0)
    return {
      outcome: 'WARN',
      exit: 0,
      reason: `every cell judged; no MUST failed; ${s.warnings} cells deviate from a SHOULD`,
    };
  return { outcome: 'PASS', exit: 0, reason: `every one of the ${s.selected} selected cells judged; no MUST failed` };
}

/** The exit code of a run's report; see {@link runVerdict}. */
export function exitCodeOf(report: ComplianceReport, strict: boolean = report.strict): 0 | 1 | 2 {
  return runVerdict(report, strict).exit;
}

/** The report without its timing block: what two runs of the same matrix share. */
export function reportContent(report: ComplianceReport): Omit<ComplianceReport, 'timing'> {
  const { timing: _timing, ...rest } = report;
  return rest;
}

/** Orders clause ids; re-exported for renderers. */
export { compareClauses, compareStrings };
