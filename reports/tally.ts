/**
 * The one counting rule behind every figure of a report (overall, per family, per operation, per
 * requirement): each judged cell is counted once, in the state {@link cellState} gives it when only
 * the findings in scope are considered. A cell fails for a scope when an open MUST finding in that
 * scope is on it; it warns with only open SHOULD ones; it is accepted when the baseline accepted
 * every finding in scope; it passes otherwise. `passed` counts passing and warning cells, so
 * `passed + failed + accepted = judged` and conformance (passed ÷ judged) never contradicts the
 * failures beside it. Pure.
 */
import { cellState, type CellState } from '../suites/results.ts';

/** A finding as the rule needs it: which cell, how strong, whether a baseline accepted it. */
export interface TallyFinding {
  case_id: string;
  check: string;
  clause: string;
  level: 'must' | 'should';
  accepted: boolean;
}

/** How a set of cells fares against a scope of rules. */
export interface Tally {
  /** Cells sent and judged (not target errors, not unsent). */
  judged: number;
  /** Judged cells without an open MUST finding in scope and not accepted (warnings included). */
  passed: number;
  /** Judged cells with an open MUST finding in scope. */
  failed: number;
  /** Judged cells with open SHOULD findings in scope and no MUST one (a part of `passed`). */
  warned: number;
  /** Judged cells whose findings in scope the baseline all accepted. */
  accepted: number;
}

const JUDGED: ReadonlySet<CellState> = new Set(['pass', 'fail', 'warn', 'accepted']);

/** Whether a cell in this state was sent and judged. */
export function isJudged(state: CellState): boolean {
  return JUDGED.has(state);
}

/** Counts `cells` under the rule, considering only the findings for which `inScope` holds. */
export function tally(
  cells: Iterable<{ case_id: string; verdict: CellState }>,
  findingsOf: (caseId: string) => readonly TallyFinding[],
  inScope: (f: TallyFinding) => boolean = () => true,
): Tally {
  const t: Tally = { judged: 0, passed: 0, failed: 0, warned: 0, accepted: 0 };
  for (const c of cells) {
    if (!JUDGED.has(c.verdict)) continue;
    t.judged++;
    const fs = findingsOf(c.case_id).filter(inScope);
    const open = fs.filter((f) => !f.accepted);
    const state = cellState(open, fs.length - open.length, undefined);
    if (state === 'fail') t.failed++;
    else if (state === 'accepted') t.accepted++;
    else {
      t.passed++;
      if (state === 'warn') t.warned++;
    }
  }
  return t;
}
