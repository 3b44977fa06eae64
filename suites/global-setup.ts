/**
 * Vitest global setup of the conformance project: prepares the run (unless the CLI already
 * did, in this process), publishes the run meta for the compliance reporter and provides the
 * run to the workers.
 */
import type { TestProject } from 'vitest/node';
import type { ProvidedRun } from './context.ts';
import { optionsFromEnv } from './context.ts';
import { prepareRun, type PreparedRun, type RunOptions } from './target.ts';

declare global {
  // eslint-disable-next-line no-var
  var __SEQCONFORM_PREPARED__: { run: PreparedRun; options: RunOptions } | undefined;
  // eslint-disable-next-line no-var
  var __SEQCONFORM_RUN_META__: PreparedRun['meta'] | undefined;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const handed = globalThis.__SEQCONFORM_PREPARED__;
  const options = handed?.options ?? optionsFromEnv();
  const run = handed?.run ?? (await prepareRun(options));
  globalThis.__SEQCONFORM_RUN_META__ = run.meta;
  const provided: ProvidedRun = {
    meta: run.meta,
    profile: run.profile,
    secrets: Object.fromEntries(run.profile.keys.map((k) => [k.id, run.secrets.get(k.id) ?? ''])),
    inventory: run.inventory,
    cases: run.cases,
    scenarios: run.scenarios,
    discovery: run.discovery,
    concurrency: options.concurrency ?? 16,
    maxRps: options.maxRps ?? 0,
  };
  project.provide('seqconform', provided);
  return async () => {
    if (!handed) await run.close();
  };
}
