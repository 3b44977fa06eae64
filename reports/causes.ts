/**
 * Root causes: the finding groups of a report joined across operations, in the order a reader must
 * see them. A finding group ({@link FindingGroup}) is one check, clause and operation; the same
 * deviation on thirteen operations is one cause with thirteen operations. Pure.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../suites/results.ts';
import { clauseFamily, clauseText, compareClauses } from './clauses.ts';
import type { FindingCell, FindingGroup, ReportFinding } from './model.ts';
import { byKey, chain, uniqueSorted } from './sort.ts';

/**
 * How much a deviation matters to a reader, most first: `breach` (authentication, permissions,
 * organization isolation), `state` (what writes do, what lists hold), `validation` (refusals and
 * existence), `shape` (objects, bodies, headers, request ids).
 */
export type Severity = 'breach' | 'state' | 'validation' | 'shape';

/** The severities in reading order. */
export const SEVERITIES: readonly Severity[] = ['breach', 'state', 'validation', 'shape'];

/** Headings of the severities. */
export const SEVERITY_TITLES: Readonly<Record<Severity, string>> = {
  breach: 'Authorization and isolation',
  state: 'State and lists',
  validation: 'Validation and existence',
  shape: 'Shapes, bodies and request IDs',
};

const FAMILY_SEVERITY: Readonly<Record<string, Severity>> = {
  'C-PERM': 'breach',
  'C-ORG': 'breach',
  'C-AUTH': 'breach',
  'C-STATE': 'state',
  'C-LIST': 'state',
  'C-VAL': 'validation',
  'C-FOUND': 'validation',
  'C-RATE': 'validation',
  'C-BASE': 'validation',
  'C-SHAPE': 'shape',
  'C-BODY': 'shape',
  'C-REQID': 'shape',
};

/** The severity of a clause id, from its family; unknown families read last. */
export function severityOf(clause: string): Severity {
  return FAMILY_SEVERITY[clauseFamily(clause)] ?? 'shape';
}

/** One deviation, however many operations show it. */
export interface CauseGroup {
  /** Deterministic id from the same structured key as a finding id, without the operation. */
  cause_id: string;
  severity: Severity;
  check: string;
  clause: string;
  clause_text: string;
  family: string;
  level: 'must' | 'should';
  /** True when a request the contract refuses got a 2xx: data or an action a key must not have. */
  exposed: boolean;
  message: string;
  operations: string[];
  /** The finding groups (one per operation) this cause joins; baselines name these. */
  finding_ids: string[];
  count: number;
  accepted: number;
  keys: string[];
  /** The first example, by operation then case id: its `curl` reproduces the cause. */
  example: ReportFinding | null;
}

/**
 * The id of the cause a finding belongs to: sha256 of check | clause | expected status | actual
 * status, and for the robustness check the kind of input (ids, query, body…). The operation, the
 * credential form and the variant are left out, so one fault across operations and credentials
 * is one cause; so is the expected status when the answer was a 5xx (a crash is one fault,
 * whatever the cell expected).
 */
export function causeId(f: Pick<Finding, 'check' | 'clause' | 'resource'>, cell: FindingCell): string {
  const crashed = cell.actual_status !== null && cell.actual_status >= 500;
  return createHash('sha256')
    .update(
      [
        f.check,
        f.clause,
        crashed ? '5xx' : (cell.expected_status ?? '-'),
        cell.actual_status ?? '-',
        f.check === 'robust_on_unusual_requests' ? f.resource.split(' ')[0] : '',
      ].join('|'),
    )
    .digest('hex')
    .slice(0, 16);
}

/** Orders causes: open MUST first, then severity, exposures first, then the widest. */
export const compareCauses = chain<CauseGroup>(
  (a, b) => (a.level === b.level ? 0 : a.level === 'must' ? -1 : 1),
  (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  (a, b) => Number(b.exposed) - Number(a.exposed),
  (a, b) => b.operations.length - a.operations.length,
  (a, b) => b.count - b.accepted - (a.count - a.accepted),
  (a, b) => compareClauses(a.clause, b.clause),
  byKey((c) => c.check),
  byKey((c) => c.cause_id),
);

/** Joins finding groups into causes (by their `cause_id`), in reading order. */
export function causesOf(groups: readonly FindingGroup[]): CauseGroup[] {
  const by = new Map<string, FindingGroup[]>();
  for (const g of groups) by.set(g.cause_id, [...(by.get(g.cause_id) ?? []), g]);
  const out: CauseGroup[] = [];
  for (const [id, gs] of by) {
    const sorted = [...gs].sort(byKey((g) => g.operation_id));
    const first = sorted[0]!;
    out.push({
      cause_id: id,
      severity: severityOf(first.clause),
      check: first.check,
      clause: first.clause,
      clause_text: clauseText(first.clause),
      family: clauseFamily(first.clause),
      level: gs.some((g) => g.level === 'must') ? 'must' : 'should',
      exposed: gs.some((g) => g.exposed),
      message: first.message,
      operations: uniqueSorted(gs.map((g) => g.operation_id)),
      finding_ids: uniqueSorted(gs.map((g) => g.finding_id)),
      count: gs.reduce((s, g) => s + g.count, 0),
      accepted: gs.reduce((s, g) => s + g.accepted, 0),
      keys: uniqueSorted(gs.flatMap((g) => g.keys)),
      example: first.examples[0] ?? null,
    });
  }
  return out.sort(compareCauses);
}

/** True while a cause has findings the baseline did not accept. */
export function isOpen(c: Pick<CauseGroup, 'count' | 'accepted'>): boolean {
  return c.accepted < c.count;
}

/**
 * The first `limit` causes to show, never hiding a family's only cause: each family with open
 * causes gets its first one, then the rest fill up in order. Returns them in reading order.
 */
export function causesToShow(causes: readonly CauseGroup[], limit: number): CauseGroup[] {
  const picked = new Set<CauseGroup>();
  const seen = new Set<string>();
  for (const c of causes)
    if (!seen.has(c.family)) {
      seen.add(c.family);
      picked.add(c);
    }
  for (const c of causes) {
    if (picked.size >= Math.max(limit, seen.size)) break;
    picked.add(c);
  }
  return causes.filter((c) => picked.has(c));
}
