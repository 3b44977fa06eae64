/**
 * The requirements table as the vendor's conformance statement: every requirement of the
 * contract (suites/requirements.ts) with its verdict on this run and the evidence. A pure
 * function of the report's cells and findings; counted under the same rule as the score (a cell
 * passes when no open MUST finding of the requirement's checks and clauses is on it).
 */
import type { CoverageRow } from '../generators/key-plan.ts';
import type { CaseRow, ReportFinding } from './model.ts';
import { cellSelectorMatches, cellSelectorShape, type SelectableCell } from '../suites/selection.ts';
import { isJudged, tally, type TallyFinding } from './tally.ts';

/** A report row as the requirement selectors see a cell (the rule --only selects by, suites/selection.ts). */
function selectable(c: CaseRow): SelectableCell {
  return {
    id: c.case_id,
    kind: c.kind,
    group: c.group,
    operationId: c.operation_id,
    keyId: c.key_id,
    variant: c.variant,
    clause: c.clause,
  };
}

/** What the report needs of a requirement (suites/requirements.ts `Requirement`). */
export interface RequirementSpec {
  id: string;
  clause: string;
  level: 'must' | 'should' | 'may';
  sentence: string;
  says: string;
  checks: string[];
  cells: Array<{
    variant?: string;
    scenario?: string;
    group?: string;
    clause?: string;
    discovery?: boolean;
    operation?: string;
  }>;
  reach?: string;
  untestable?: string;
  finding_clauses?: string[] | 'any';
}

/** A requirement's verdict. */
export type RequirementStatus = 'pass' | 'fail' | 'warn' | 'not_tested' | 'not_reachable';

/** One row of the conformance statement. */
export interface RequirementRow {
  id: string;
  clause: string;
  level: 'must' | 'should' | 'may';
  text: string;
  says: string;
  /** Cells of this run that test it. */
  cells: number;
  /** Of those, judged and without an open MUST finding against it, not accepted (the rule of reports/tally.ts). */
  passed: number;
  /** Of those, with an open MUST finding against it. */
  failed: number;
  /** Of the passed, with open SHOULD findings against it. */
  warned: number;
  status: RequirementStatus;
  /** Why it is not tested, or which key would reach it. */
  why?: string;
  /** Finding ids that are the evidence of a fail or warn (up to 10). */
  evidence: string[];
}

/** The verdict of every requirement on a run's cells and findings. */
export function requirementRows(
  specs: readonly RequirementSpec[],
  cases: readonly CaseRow[],
  findings: ReadonlyArray<{ f: ReportFinding; accepted: boolean }>,
  coverage: readonly CoverageRow[],
): RequirementRow[] {
  const byCase = new Map<string, Array<TallyFinding & { finding_id: string }>>();
  for (const { f, accepted } of findings)
    byCase.set(f.case_id, [
      ...(byCase.get(f.case_id) ?? []),
      { case_id: f.case_id, check: f.check, clause: f.clause, level: f.level, accepted, finding_id: f.finding_id },
    ]);
  // Each distinct shape of cell is matched once, not every cell: a large run has tens of thousands
  // of cells and few shapes.
  const shapes: SelectableCell[] = [];
  const shapeIndex = new Map<string, number>();
  const shapeOf = cases.map((c) => {
    const cell = selectable(c);
    const key = cellSelectorShape(cell);
    let i = shapeIndex.get(key);
    if (i === undefined) {
      shapeIndex.set(key, (i = shapes.length));
      shapes.push(cell);
    }
    return i;
  });
  return specs.map((r) => {
    const base = {
      id: r.id,
      clause: r.clause,
      level: r.level,
      text: r.sentence,
      says: r.says,
      evidence: [] as string[],
    };
    if (r.untestable)
      return { ...base, cells: 0, passed: 0, failed: 0, warned: 0, status: 'not_tested' as const, why: r.untestable };
    const matches = shapes.map((cell) => r.cells.some((s) => cellSelectorMatches(s, cell)));
    const mine = cases.filter((_, i) => matches[shapeOf[i]!]);
    // A 5xx answers no requirement of the cell: its no_5xx finding fails every requirement the cell tests.
    const against = (f: TallyFinding): boolean =>
      f.check === 'no_5xx' ||
      (r.checks.includes(f.check) &&
        (r.finding_clauses === 'any' || (r.finding_clauses ?? [r.clause]).includes(f.clause)));
    const findingsOf = (id: string) => byCase.get(id) ?? [];
    const t = tally(mine, findingsOf, against);
    const judged = mine.filter((c) => isJudged(c.verdict));
    const evidence = new Set<string>();
    for (const c of judged)
      for (const f of findingsOf(c.case_id)) if (!f.accepted && against(f)) evidence.add(f.finding_id);
    if (!judged.length) {
      const row = r.reach ? coverage.find((x) => x.id === r.reach && !x.covered) : undefined;
      return row
        ? {
            ...base,
            cells: mine.length,
            passed: 0,
            failed: 0,
            warned: 0,
            status: 'not_reachable' as const,
            why: `no key of the profile reaches it: ${row.description} (seqconform plan-keys)`,
          }
        : {
            ...base,
            cells: mine.length,
            passed: 0,
            failed: 0,
            warned: 0,
            status: 'not_tested' as const,
            why: mine.length
              ? 'its cells got no usable answer'
              : 'no cell of this run tests it (--only, the mutations policy, or the inventory holds no such data)',
          };
    }
    const status: RequirementStatus = t.failed ? 'fail' : t.warned ? 'warn' : 'pass';
    return {
      ...base,
      cells: mine.length,
      passed: t.passed,
      failed: t.failed,
      warned: t.warned,
      status,
      evidence: [...evidence].sort().slice(0, 10),
    };
  });
}
