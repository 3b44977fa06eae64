/**
 * Vitest global setup of the conformance project (the `vitest` entry; the CLI runs the engine
 * directly): prepares the run from the project's provided `seqconformOptions`, provides it to the
 * workers, and at teardown builds and writes the compliance report from the results the tests
 * attached to their tasks.
 */
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadBaseline } from '../reports/baseline.ts';
import { maskDeep } from '../reports/guard.ts';
import { writeShardResults } from '../reports/merge.ts';
import { buildReport } from '../reports/model.ts';
import { writeReports } from '../reports/write.ts';
import type { ProvidedRun } from './context.ts';
import type { CaseResult, TaskMeta } from './results.ts';
import { loadRequirements } from './requirements.ts';
import { prepareRun } from './target.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { out, baseline, ...options } = project.getProvidedContext().seqconformOptions ?? {};
  const run = await prepareRun(options);
  const t0 = Date.now();
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
    try {
      const results = collectResults(
        project.vitest.state.getTestModules().filter((m) => m.project.name === project.name),
      );
      if (!results.length) return;
      const guarded = maskDeep({ meta: run.meta, results }, run.secrets.redactor);
      const report = buildReport(guarded.value.meta, guarded.value.results, {
        requirements: loadRequirements(),
        ...(baseline ? { baseline: loadBaseline(baseline) } : {}),
        durationMs: Date.now() - t0,
        masked: guarded.masked,
      });
      const dir = resolve(out ?? 'reports/out/vitest');
      writeReports(dir, report, { redactor: run.secrets.redactor });
      writeShardResults(dir, guarded.value.meta, guarded.value.results, { redactor: run.secrets.redactor });
    } finally {
      await run.close();
    }
  };
}

/** The least of a vitest TestModule the collector reads. */
export interface ModuleLike {
  children: { allTests(): Iterable<{ meta(): unknown }> };
}

/** Every result the tests attached (`task.meta.seqconform.results`); a cell reported twice (a retry) keeps its last result. */
export function collectResults(modules: ReadonlyArray<ModuleLike>): CaseResult[] {
  const out = new Map<string, CaseResult>();
  for (const m of modules)
    for (const t of m.children.allTests()) {
      const meta = t.meta() as { seqconform?: Partial<TaskMeta> } | undefined;
      for (const r of meta?.seqconform?.results ?? []) out.set(r.case_id, r);
    }
  return [...out.values()];
}
