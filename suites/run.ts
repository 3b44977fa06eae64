/**
 * Executing a prepared run: every selected cell is sent through the engine and ends in exactly
 * one state (passed, failed, warned, target error or not sent, each with why); nothing is lost to
 * an exception, a timeout or a target that dies. The CLI, the mutant gate, the benchmark and the
 * vitest entry all run cells through {@link executeRun}.
 */
import { getContract } from '../openapi/load.ts';
import { createEngineContext } from './engine-context.ts';
import { notSentResult, runCell, suiteErrorResult, type Cell } from './engine.ts';
import type { CaseResult, ProgressSink } from './results.ts';
import { scenarioKind } from './scenarios/index.ts';
import type { PreparedRun } from './target.ts';
import { TargetHealth } from './target-health.ts';
import { createTransport, type TransportOptions } from './transport.ts';
import { createBodyValidator, type BodyValidator } from './validate.ts';

/** Options of {@link executeRun}. */
export interface ExecuteOptions {
  /** Requests in flight (default: the prepared run's, 16). */
  concurrency?: number;
  /** Each default: the prepared run's limits. */
  maxRps?: number;
  client?: TransportOptions['client'];
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
  /** The run's wait budget and breaker (default: a fresh one; the CLI passes the one discovery used). */
  health?: TargetHealth;
  /** Called once per cell as it ends, discovery cells first. */
  onResult?: (r: CaseResult) => void;
  /** Told when the run and robustness phases start and as each cell ends (the CLI's progress line). */
  progress?: ProgressSink;
  /** Asked after each cell: a reason to stop sending (the rest end as not sent, with it), or undefined to go on. */
  stopWhen?: (r: CaseResult) => string | undefined;
}

/** What a run produced: one result per selected cell, and why it stopped early, if it did. */
export interface RunOutcome {
  results: CaseResult[];
  /** Set when the run stopped sending before the end (breaker open); the rest are not sent. */
  stopped?: string;
  /** Requests sent, retries included. */
  requests: number;
  /** Wall time of the request phase. */
  seconds: number;
  /** Time spent waiting on the target (429s, back-off), concurrent waits counted once. */
  waitedSeconds: number;
  /** Forms of key secrets the target sent back, masked where they entered (discovery included when the run's health is shared). */
  echoes: Array<{ key_id: string; field: string; places: number }>;
}

let validatorCache: BodyValidator | undefined;

/** Runs the discovery results, every case, then every scenario of `run`. */
export async function executeRun(
  run: Pick<PreparedRun, 'profile' | 'secrets' | 'inventory' | 'cases' | 'scenarios' | 'discovery'> & {
    limits?: PreparedRun['limits'];
  },
  opts: ExecuteOptions = {},
): Promise<RunOutcome> {
  const contract = await getContract();
  validatorCache ??= createBodyValidator(contract);
  const limits = { ...run.limits, ...opts };
  const concurrency = limits.concurrency ?? 16;
  const health = opts.health ?? new TargetHealth();
  const transport = createTransport({
    baseUrl: run.profile.base_url,
    secrets: run.secrets,
    concurrency,
    maxRps: limits.maxRps ?? 0,
    health,
    ...(opts.client ? { client: opts.client } : {}),
    ...(limits.requestTimeoutMs ? { requestTimeoutMs: limits.requestTimeoutMs } : {}),
    ...(limits.maxResponseBytes ? { maxResponseBytes: limits.maxResponseBytes } : {}),
    ...(run.limits?.ca ? { ca: run.limits.ca } : {}),
  });
  const ctx = createEngineContext({
    contract,
    validator: validatorCache,
    inventory: run.inventory,
    keys: run.profile.keys,
    transport,
    secrets: run.secrets,
  });
  const one = async (cell: Cell): Promise<CaseResult> => {
    let r: CaseResult;
    if (health.stopped) r = notSentResult(ctx, cell, health.stopped);
    else
      try {
        r = await runCell(ctx, cell);
      } catch (e) {
        r = suiteErrorResult(ctx, cell, e);
      }
    opts.onResult?.(r);
    opts.progress?.step(r);
    const stop = opts.stopWhen?.(r);
    if (stop) health.stop(stop);
    return r;
  };
  const t0 = performance.now();
  try {
    // Robustness last, as its own phase; the accounting below restores the run's order.
    const robust = run.scenarios.filter((s) => scenarioKind(s).group === 'robustness');
    const rest = run.scenarios.filter((s) => scenarioKind(s).group !== 'robustness');
    opts.progress?.phase('run', run.discovery.length + run.cases.length + rest.length);
    for (const r of run.discovery) {
      opts.onResult?.(r);
      opts.progress?.step(r);
    }
    const results = [...run.discovery];
    // Scenarios that mostly wait start with the cases; the rest follow them, robustness last as its own phase
    // (accounted() restores the run's order).
    const early = rest.filter((s) => scenarioKind(s).startsEarly);
    results.push(...(await pool([...early, ...run.cases], concurrency, one)));
    results.push(
      ...(await pool(
        rest.filter((s) => !scenarioKind(s).startsEarly),
        concurrency,
        one,
      )),
    );
    if (robust.length) opts.progress?.phase('robustness', robust.length);
    results.push(...(await pool(robust, concurrency, one)));
    return {
      results: accounted(run, results),
      ...(health.stopped ? { stopped: health.stopped } : {}),
      requests: transport.sent,
      seconds: (performance.now() - t0) / 1000,
      waitedSeconds: health.spentMs / 1000,
      echoes: health.echoes(),
    };
  } finally {
    await transport.close();
  }
}

/**
 * The accounting invariant: exactly one result per selected cell. A selected cell without a
 * result ends as not sent (with why); a result for no selected cell, or a second one, is dropped.
 */
export function accounted(
  run: Pick<PreparedRun, 'cases' | 'scenarios' | 'discovery'>,
  results: CaseResult[],
): CaseResult[] {
  const byId = new Map<string, CaseResult>();
  for (const r of results) if (!byId.has(r.case_id)) byId.set(r.case_id, r);
  const out: CaseResult[] = [...run.discovery.map((d) => byId.get(d.case_id) ?? d)];
  for (const cell of [...run.cases, ...run.scenarios])
    out.push(
      byId.get(cell.id) ?? notSentResult({}, cell, 'no result was recorded for this cell (a defect of the suite)'),
    );
  return out;
}

/** Maps `items` through `fn` with at most `width` in flight, keeping the order (no promise per item up front). */
export async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}
