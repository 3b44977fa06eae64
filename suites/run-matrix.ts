/**
 * Runs a prepared run's whole matrix in this process, without vitest: for the mutant gate and
 * the benchmark, where vitest's per-test bookkeeping would only be noise.
 */
import { randomBytes } from 'node:crypto';
import { getContract } from '../openapi/load.ts';
import { runCase, runScenario, type EngineContext } from './engine.ts';
import type { CaseResult } from './results.ts';
import type { PreparedRun } from './target.ts';
import { createTransport } from './transport.ts';
import { createBodyValidator, type BodyValidator } from './validate.ts';

let validatorCache: BodyValidator | undefined;

/** Runs every case, then every scenario, of `run`; returns the results and the requests sent. */
export async function runMatrix(run: PreparedRun, opts: { concurrency?: number; client?: 'undici' | 'supertest' } = {}): Promise<{ results: CaseResult[]; requests: number; seconds: number }> {
  const contract = await getContract();
  validatorCache ??= createBodyValidator(contract);
  const concurrency = opts.concurrency ?? 32;
  const transport = createTransport({ baseUrl: run.profile.base_url, secrets: run.secrets, concurrency, client: opts.client ?? 'undici' });
  const ctx: EngineContext = {
    contract,
    validator: validatorCache,
    inventory: run.inventory,
    keys: new Map(run.profile.keys.map((k) => [k.id, k])),
    transport,
    secrets: run.secrets,
    seenRequestIds: new Set(),
    runNonce: randomBytes(8).toString('hex'),
  };
  const t0 = performance.now();
  try {
    const results = await pool(run.cases, concurrency, (c) => runCase(ctx, c));
    results.push(...(await pool(run.scenarios, concurrency, (s) => runScenario(ctx, s))));
    return { results, requests: transport.sent, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await transport.close();
  }
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
