/**
 * A vitest reporter that turns a conformance run into the compliance report. It collects every
 * test's `meta().seqconform.results`, reads the run meta the global setup left on
 * `globalThis.__SEQCONFORM_RUN_META__` (and does nothing without it), applies the baseline named
 * by `SEQCONFORM_BASELINE`, writes the reports and `results.json` to `SEQCONFORM_OUT`
 * (default `reports/out/latest`), and leaves the report on `globalThis.__SEQCONFORM_REPORT__`.
 */
import type { Reporter, TestModule } from 'vitest/node';
import type { Redactor } from '../generators/redaction.ts';
import type { CaseResult, RunMeta, TaskMeta } from '../suites/results.ts';
import { loadBaseline } from './baseline.ts';
import { RESULTS_FILE, writeShardResults } from './merge.ts';
import { buildReport, type ComplianceReport } from './model.ts';
import { writeReports, type ReportPaths } from './write.ts';

/** The global the run's setup stores the {@link RunMeta} on. */
export const RUN_META_GLOBAL = '__SEQCONFORM_RUN_META__';
/** The global the reporter stores the built {@link ComplianceReport} on. */
export const REPORT_GLOBAL = '__SEQCONFORM_REPORT__';
/** The global the reporter stores the written paths on (report files and results.json). */
export const REPORT_PATHS_GLOBAL = '__SEQCONFORM_REPORT_PATHS__';
/** Default output directory, relative to the working directory. */
export const DEFAULT_OUT = 'reports/out/latest';

/** Options; each overrides its environment variable. */
export interface ComplianceReporterOptions {
  /** Output directory (env `SEQCONFORM_OUT`). */
  outDir?: string;
  /** Baseline file (env `SEQCONFORM_BASELINE`). */
  baseline?: string;
  /** Masks every form of the run's secrets before anything is written. */
  redactor?: Redactor;
}

/** The least of a vitest TestModule the reporter reads, so tests can pass a fake. */
export interface ModuleLike {
  children: { allTests(): Iterable<{ meta(): unknown }> };
}

const slot = globalThis as unknown as Record<string, unknown>;

/** The run meta the global setup stored, if any. */
export function runMetaFromGlobal(): RunMeta | undefined {
  return slot[RUN_META_GLOBAL] as RunMeta | undefined;
}

/** The report the reporter built in this process, if any. */
export function reportFromGlobal(): ComplianceReport | undefined {
  return slot[REPORT_GLOBAL] as ComplianceReport | undefined;
}

/** Every case result the tests of `modules` attached; a case reported twice (a retry) keeps its last result. */
export function collectResults(modules: ReadonlyArray<ModuleLike>): CaseResult[] {
  const out = new Map<string, CaseResult>();
  for (const m of modules)
    for (const t of m.children.allTests()) {
      const meta = t.meta() as { seqconform?: Partial<TaskMeta> } | undefined;
      for (const r of meta?.seqconform?.results ?? []) out.set(r.case_id, r);
    }
  return [...out.values()];
}

/** The compliance reporter; see the module comment. */
export default class ComplianceReporter implements Reporter {
  readonly #opts: ComplianceReporterOptions;
  #started = Date.now();

  constructor(opts: ComplianceReporterOptions = {}) {
    this.#opts = opts;
  }

  onTestRunStart(): void {
    this.#started = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    this.finish(testModules);
  }

  /** Builds and writes the report; returns it, or undefined when no run meta was set. */
  finish(modules: ReadonlyArray<ModuleLike>): ComplianceReport | undefined {
    const meta = runMetaFromGlobal();
    if (!meta) return undefined;
    const results = collectResults(modules);
    const baselineFile = this.#opts.baseline ?? (process.env.SEQCONFORM_BASELINE || undefined);
    const baseline = baselineFile ? loadBaseline(baselineFile) : undefined;
    const report = buildReport(meta, results, { ...(baseline ? { baseline } : {}), durationMs: Date.now() - this.#started });
    const dir = this.#opts.outDir ?? (process.env.SEQCONFORM_OUT || DEFAULT_OUT);
    const redactor = this.#opts.redactor;
    const paths: ReportPaths & { results: string } = {
      ...writeReports(dir, report, redactor ? { redactor } : {}),
      results: writeShardResults(dir, meta, results, redactor ? { redactor } : {}),
    };
    slot[REPORT_GLOBAL] = report;
    slot[REPORT_PATHS_GLOBAL] = paths;
    return report;
  }
}

export { RESULTS_FILE };
