/**
 * What the vitest entry passes between its global setup (main process) and its suite workers,
 * through vitest's own `provide`/`inject`: the options of the run (from the project's `provide`
 * in vitest.config.ts) in, the prepared run out. No global variable or environment variable
 * carries run state.
 */
import type { Case, Scenario } from '../generators/case-types.ts';
import type { Inventory } from '../generators/inventory.ts';
import type { Profile } from '../generators/profile.ts';
import type { CaseResult, RunMeta } from './results.ts';
import type { RunOptions } from './target.ts';

/** Options of a run started by plain `vitest`: the run's options, where its reports go, an optional baseline. */
export interface VitestRunOptions extends Omit<RunOptions, 'mock'> {
  /** Directory for report.json and the other renderings (default reports/out/vitest). */
  out?: string;
  baseline?: string;
}

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
    /** Set in vitest.config.ts (`provide`): how the conformance project runs. */
    seqconformOptions: VitestRunOptions;
    /** Set by suites/global-setup.ts: the prepared run. */
    seqconform: ProvidedRun;
  }
}
