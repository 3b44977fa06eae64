/**
 * The run context passed from the global setup (main process) to the suite workers, and the
 * environment variables that configure a run started by plain `vitest`.
 */
import type { Case } from '../generators/case-types.ts';
import type { Inventory } from '../generators/inventory.ts';
import type { Scenario } from '../generators/matrix.ts';
import type { Profile } from '../generators/profile.ts';
import type { CaseResult, RunMeta } from './results.ts';
import type { RunOptions } from './target.ts';

/** What workers receive: serializable. `secrets` is a plain map that never enters a result. */
export interface ProvidedRun {
  meta: RunMeta;
  profile: Profile;
  secrets: Record<string, string>;
  inventory: Inventory;
  cases: Case[];
  scenarios: Scenario[];
  /** Discovery, already judged. */
  discovery: CaseResult[];
  concurrency: number;
  maxRps: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    seqconform: ProvidedRun;
  }
}

/** Run options read from the environment (`CONFORMANCE_PROFILE`, `SEQCONFORM_SEED`, …). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): RunOptions {
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  return {
    ...(env.CONFORMANCE_PROFILE ? { profileFile: env.CONFORMANCE_PROFILE } : {}),
    ...(num(env.SEQCONFORM_SEED) !== undefined ? { seed: num(env.SEQCONFORM_SEED) } : {}),
    strict: env.SEQCONFORM_STRICT === '1',
    ...(env.SEQCONFORM_ONLY ? { only: env.SEQCONFORM_ONLY } : {}),
    ...(num(env.SEQCONFORM_MAX_RPS) !== undefined ? { maxRps: num(env.SEQCONFORM_MAX_RPS) } : {}),
    ...(num(env.SEQCONFORM_CONCURRENCY) !== undefined ? { concurrency: num(env.SEQCONFORM_CONCURRENCY) } : {}),
  };
}
