/**
 * What a run produces, per case: plain serializable data. The vitest suites attach these to
 * their tasks (`task.meta.seqconform`), and `reports/` builds every rendering from them.
 */
import type { CoverageRow } from '../generators/key-plan.ts';
import type { Group } from '../generators/case-types.ts';
import type { ClauseId } from '../openapi/clauses.ts';

/** One failure or warning: a check's violation, with everything needed to reproduce it. */
export interface Finding {
  case_id: string;
  check: string;
  clause: ClauseId;
  level: 'must' | 'should';
  operation_id: string;
  key_id: string | null;
  resource: string;
  variant: string;
  expected: unknown;
  actual: unknown;
  message: string;
  /** A curl line with `$KEY_<id>` in place of the secret. */
  curl: string;
}

/**
 * The state a cell ends in. `error`: sent, but the target gave no usable answer (a reset, the
 * deadline, a body over the size cap); `not_sent`: never judged because the run could not send it
 * (the breaker was open, the wait budget spent on 429s). Both carry why. `accepted`: every
 * finding matched the baseline (only the report knows the baseline).
 */
export type CellState = 'pass' | 'fail' | 'warn' | 'accepted' | 'error' | 'not_sent';

/** The state a run records for a cell: the report adds `accepted`. */
export type Verdict = Exclude<CellState, 'accepted'>;

/**
 * The one place a cell's state is decided: an open MUST finding fails it, whatever else happened
 * (what was judged stands); else a cell without a usable answer is a target error or not sent;
 * else open SHOULD findings warn; else findings all accepted by a baseline make it accepted.
 */
export function cellState(
  open: ReadonlyArray<Pick<Finding, 'level'>>,
  acceptedCount = 0,
  unanswered?: 'error' | 'not_sent',
): CellState {
  if (open.some((f) => f.level === 'must')) return 'fail';
  if (unanswered) return unanswered;
  if (open.length) return 'warn';
  return acceptedCount > 0 ? 'accepted' : 'pass';
}

/** The result of one case (a cell of the matrix) or one scenario. */
export interface CaseResult {
  case_id: string;
  /** A matrix case, a multi-request scenario, or a step of discovery (which the run judges too). */
  kind: 'case' | 'scenario' | 'discovery';
  /** The suite group (not a clause family). */
  group: Group;
  operation_id: string;
  key_id: string | null;
  credential: string;
  resource: string;
  variant: string;
  expected: { status: number | null; code: string | null; clause: ClauseId; because: string; level: 'must' | 'should' };
  actual: { status: number; code: string | null } | null;
  verdict: Verdict;
  findings: Finding[];
  /** Ids of the checks that judged this case. */
  checks: string[];
  duration_ms: number;
  /** 429 answers waited out (C-RATE-1); never a failure. */
  rate_limited: number;
  /** Why the target gave no usable answer (verdict `error`). */
  target_error?: string;
  /** Why the cell was not sent (verdict `not_sent`). */
  not_sent?: string;
}

/** What a vitest task carries in `task.meta.seqconform`. */
export interface TaskMeta {
  results: CaseResult[];
}

/** Facts of the run that are not per case. Written once by the run's setup. */
export interface RunMeta {
  schema_version: 1;
  tool_version: string;
  spec_version: string;
  target: { base_url: string; embedded: boolean };
  seed: number;
  /** Generated requests per robustness cell (--fuzz); with the seed, replays the phase. */
  fuzz?: number;
  strict: boolean;
  mutations: 'all' | 'denied-only' | 'none';
  /** Profile key ids with their org and scopes; never a secret. */
  keys: Array<{ id: string; org: string; revoked: boolean; scopes: string[] }>;
  coverage: CoverageRow[];
  /** Cells that could not be generated or sent, and why. */
  not_generated: string[];
  inventory: {
    started_at: string;
    orgs: Array<{
      org: string;
      accounts: number;
      rules: number;
      executions: number;
      transfers: number;
      cards: number;
      card_transactions: number;
    }>;
    problems: string[];
  };
  /**
   * Cells the contract defines for this inventory and these keys: those the mutations policy left
   * out count (they are `cells_withheld` too), and so do those --only and --shard left out.
   */
  cells_defined: number;
  /** Of `cells_defined`, the cells the mutations policy left out: never sent, never tested. */
  cells_withheld?: number;
  /**
   * Cells this run (or shard) selected: matrix cells after the mutations policy, --only and
   * --shard, plus the discovery steps. Each must end in exactly one state; the report checks it.
   * Absent in results written by versions before the accounting existed (then: the cells recorded).
   */
  selected?: number;
  /** The same, per clause family of each cell's expected clause (`C-AUTH`…). */
  cells_defined_by_family?: Record<string, number>;
  /** The same, per operation. */
  cells_defined_by_operation?: Record<string, number>;
  started_at: string;
  shard?: { index: number; count: number };
  /** The operation ids in the contract document's order (reports list operations in it). */
  operations?: string[];
}

/** The phases of a run, in order, as progress reports them. */
export type RunPhase = 'discovery' | 'matrix' | 'run' | 'robustness' | 'reports';

/**
 * Where a run reports its progress (the CLI's progress line): a phase starts with its total
 * (null when unknown, as for discovery's requests), then each unit of it ends (a cell, with its
 * result; a discovery request, without). Passed as an argument, never global.
 */
export interface ProgressSink {
  phase(name: RunPhase, total: number | null): void;
  step(result?: CaseResult): void;
}
