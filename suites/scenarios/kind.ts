/**
 * A scenario kind: one registered unit (like a check) holding everything about one kind of
 * multi-request cell: its check id and clauses, its group, what it writes, how it is built from
 * the matrix context, how it is labelled in reports, and its steps.
 */
import type { Expectation, Group, RequestSpec, Scenario } from '../../generators/case-types.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import type { ClauseId } from '../../openapi/clauses.ts';
import type { OperationId } from '../../openapi/types.ts';
import type { Violation } from '../checks/types.ts';
import type { EngineContext } from '../engine-context.ts';
import type { HttpResponse, Sender } from '../transport.ts';

/** Sends one request of a scenario as `keyId` (a profile key), with extra headers. */
export type Send = (req: RequestSpec, keyId: string, extra?: Record<string, string>) => Promise<HttpResponse>;

/** Reports violations of the kind's check against the request that showed them. */
export type Report = (vs: Violation[], req: RequestSpec, sender: Sender, extra?: Record<string, string>) => void;

/** One step of a sequence: a request of `operationId` sent as `keyId`. */
export interface Step {
  req: RequestSpec;
  keyId: string;
  operationId: OperationId;
  /** The oracle's expectation for the step, or null when the kind judges the status itself (several are right). */
  expect: Expectation | null;
  extra?: Record<string, string>;
}

/** Sends one step and judges its answer by every single-response check (suites/checks/), as a case would be. */
export type Judged = (step: Step) => Promise<HttpResponse>;

/** What a scenario's steps get: the engine context, a way to send, a way to send and judge, a way to report. */
export interface Steps {
  ctx: EngineContext;
  send: Send;
  judged: Judged;
  report: Report;
}

/** One registered kind of scenario. */
export interface ScenarioKind<S extends Scenario = Scenario, Id extends string = string> {
  kind: S['kind'];
  /** The check the kind's findings carry; reports and baselines cite its id. */
  check: { id: Id; clauses: ClauseId[]; description: string };
  /** The suite group its cells belong to. */
  group: Group;
  /**
   * What it sends, for the mutations policy: `none` (reads only: every policy), `denied` (writes
   * the contract refuses: `denied-only` and `all`), `acts` (writes that succeed: `all` only).
   */
  writes: 'none' | 'denied' | 'acts';
  /** Its cells for a run (pure: the same context gives the same cells). */
  build(ctx: MatrixCtx): S[];
  /** Short label of what it is about, for reports. */
  resource(s: S): string;
  /** About how many requests one of its cells sends: shards are balanced by it (suites/shard.ts). */
  requests(s: S): number;
  /** Why the expected outcome is what it is, for reports. */
  because(s: S): string;
  /** True when its cells mostly wait (a pause): they start with the cases, so the wait overlaps the rest of the run. */
  startsEarly?: true;
  /** True when its steps go through {@link Judged}: its cells then also carry every single-response check. */
  judgesSteps?: true;
  /** Its steps: send requests, compare answers, report violations. */
  run(s: S, steps: Steps): Promise<void>;
}

/** Declares a scenario kind (typing helper). */
export function defineScenarioKind<S extends Scenario, const Id extends string>(
  k: ScenarioKind<S, Id>,
): ScenarioKind<S, Id> {
  return k;
}
