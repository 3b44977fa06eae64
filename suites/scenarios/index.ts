/**
 * The scenario registry: every kind of multi-request cell, in one table, like the checks. Adding a
 * kind is one file (./kind.ts says what it holds) and one entry here.
 */
import type { Scenario } from '../../generators/case-types.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import type { MutationPolicy } from '../../generators/profile.ts';
import createReadback from './create-readback.ts';
import deniedWrite from './denied-write.ts';
import executionFinal from './execution-final.ts';
import robustness from './robustness.ts';
import foreignCursor from './foreign-cursor.ts';
import idempotentReplay from './idempotent-replay.ts';
import type { ScenarioKind } from './kind.ts';
import pageWalk from './page-walk.ts';
import triggerPoll from './trigger-poll.ts';
import concurrentWrites from './concurrent-writes.ts';
import cursorReuse from './cursor-reuse.ts';
import interleavedPageWalk from './interleaved-page-walk.ts';
import refusalsBetweenReplays from './refusals-between-replays.ts';
import idVariants from './id-variants.ts';
import replayAfterPause from './replay-after-pause.ts';
import executionSettles from './execution-settles.ts';

/** Every scenario kind. */
export const SCENARIO_KINDS = [
  pageWalk,
  foreignCursor,
  createReadback,
  triggerPoll,
  idempotentReplay,
  deniedWrite,
  executionFinal,
  robustness,
  concurrentWrites,
  cursorReuse,
  interleavedPageWalk,
  refusalsBetweenReplays,
  idVariants,
  replayAfterPause,
  executionSettles,
] as const;

const BY_KIND = new Map<string, ScenarioKind>(SCENARIO_KINDS.map((k) => [k.kind, k as unknown as ScenarioKind]));

/** The registered kind of a scenario. */
export function scenarioKind(s: Pick<Scenario, 'kind'>): ScenarioKind {
  const k = BY_KIND.get(s.kind);
  if (!k) throw new Error(`no scenario kind ${s.kind} is registered (suites/scenarios/index.ts)`);
  return k;
}

/** Which kinds the mutations policy lets run. */
function allowed(k: ScenarioKind, policy: MutationPolicy): boolean {
  return k.writes === 'none' || (k.writes === 'denied' ? policy !== 'none' : policy === 'all');
}

/**
 * Every scenario of every kind for a run; `defined` counts them before the mutations policy,
 * `withheld` holds those the policy left out.
 */
export function buildScenarios(ctx: MatrixCtx): { scenarios: Scenario[]; defined: number; withheld: Scenario[] } {
  let defined = 0;
  const scenarios: Scenario[] = [];
  const withheld: Scenario[] = [];
  for (const k of SCENARIO_KINDS as unknown as ScenarioKind[]) {
    const built = k.build(ctx);
    defined += built.length;
    (allowed(k, ctx.opts.mutations) ? scenarios : withheld).push(...built);
  }
  return { scenarios, defined, withheld };
}
