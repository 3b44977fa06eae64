/**
 * Turns the provided run into vitest tests: one concurrent test per (operation, key) group of a
 * group, each sending its cases through the engine and attaching the results to its task.
 */
import { afterAll, describe, inject, test } from 'vitest';
import type { Case, Group } from '../generators/case-types.ts';
import type { Scenario } from '../generators/case-types.ts';
import { SecretStore } from '../generators/profile.ts';
import { getContract } from '../openapi/load.ts';
import { createEngineContext, type EngineContext } from './engine-context.ts';
import { runCase, runScenario } from './engine.ts';
import type { CaseResult, TaskMeta } from './results.ts';
import { pool } from './run.ts';
import { createTransport } from './transport.ts';
import { createBodyValidator } from './validate.ts';

declare module 'vitest' {
  interface TaskMeta {
    seqconform?: import('./results.ts').TaskMeta;
  }
}

let shared: Promise<EngineContext> | undefined;

/** The worker's engine context, built once per worker from the provided run. */
export function engineContext(): Promise<EngineContext> {
  shared ??= (async () => {
    const run = inject('seqconform');
    const contract = await getContract();
    const secrets = new SecretStore();
    for (const [id, s] of Object.entries(run.secrets)) secrets.set(id, s);
    const transport = createTransport({
      baseUrl: run.profile.base_url,
      secrets,
      concurrency: run.concurrency,
      maxRps: run.maxRps,
    });
    return createEngineContext({
      contract,
      validator: createBodyValidator(contract),
      inventory: run.inventory,
      keys: run.profile.keys,
      transport,
      secrets,
    });
  })();
  return shared;
}

/** Fails the test with the must-level findings (and, under --strict, the warnings). */
function assertResults(results: CaseResult[], strict: boolean): void {
  const errors = results.filter((r) => r.verdict === 'error' || r.verdict === 'not_sent');
  const bad = results.flatMap((r) => r.findings.filter((f) => f.level === 'must' || strict));
  if (!bad.length && !errors.length) return;
  const lines = [
    ...bad
      .slice(0, 20)
      .map(
        (f) =>
          `[${f.check} ${f.clause} ${f.level.toUpperCase()}] ${f.operation_id} key=${f.key_id ?? '-'} ${f.resource} (${f.variant}): ${f.message}\n    case ${f.case_id}\n    ${f.curl}`,
      ),
    ...errors
      .slice(0, 5)
      .map(
        (r) =>
          `[${r.verdict === 'error' ? 'target error' : 'not sent'}] ${r.operation_id} ${r.resource}: ${r.target_error ?? r.not_sent}`,
      ),
  ];
  if (bad.length > 20) lines.push(`… and ${bad.length - 20} more findings`);
  throw new Error(`${bad.length} conformance finding(s), ${errors.length} target error(s):\n${lines.join('\n')}`);
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

/** Declares one test per discovered organization: its discovery cells carry no finding and all got answers. */
export function defineDiscovery(): void {
  const run = inject('seqconform');
  const strict = run.meta.strict;
  describe('discovery', () => {
    for (const [org, results] of groupBy(run.discovery, (r) => r.resource))
      test(`${org}: every GET operation discovered consistently (${results.length} cells)`, ({ task }) => {
        task.meta.seqconform = { results } satisfies TaskMeta;
        assertResults(results, strict);
      });
  });
}

/** Declares the tests of one group of cases, and of the given scenario kinds. */
export function defineGroup(group: Group, scenarioKinds: Array<Scenario['kind']> = []): void {
  const run = inject('seqconform');
  const cases = run.cases.filter((c) => c.group === group);
  const scenarios = run.scenarios.filter((s) => scenarioKinds.includes(s.kind));
  const strict = run.meta.strict;
  afterAll(async () => {
    if (shared) await (await shared).transport.close();
    shared = undefined;
  });
  describe.concurrent(group, () => {
    if (!cases.length && !scenarios.length)
      test.skip(`no ${group} cells for this target (see the report's coverage section)`, () => {});
    for (const [name, group] of groupBy(cases, (c: Case) => `${c.operationId} key=${c.keyId ?? c.credential}`)) {
      test(`${name} (${group.length} cells)`, async ({ task }) => {
        const ctx = await engineContext();
        const results = await pool(group, 64, (c) => runCase(ctx, c));
        task.meta.seqconform = { results } satisfies TaskMeta;
        assertResults(results, strict);
      });
    }
    for (const s of scenarios) {
      test(`${s.kind} ${s.operationId} key=${s.keyId} ${s.id}`, async ({ task }) => {
        const ctx = await engineContext();
        const result = await runScenario(ctx, s);
        task.meta.seqconform = { results: [result] };
        assertResults([result], strict);
      });
    }
  });
}
