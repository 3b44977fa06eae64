/**
 * Preparing a run: the target (the embedded mock, or a profile's base URL), its keys, the
 * reachability and known-allowed probes, inventory discovery and the matrix. Misuse (no server,
 * a key the target rejects, a base URL that is not this API, a profile no key of which can
 * discover) is a coded {@link MisuseError}, raised before any conformance request is sent; a
 * server that breaks the contract while being discovered is judged (discovery cells), not refused.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Case } from '../generators/case-types.ts';
import { discoverInventory, discoveryKeys, type Inventory } from '../generators/inventory.ts';
import { coverage, planKeys } from '../generators/key-plan.ts';
import type { Scenario } from '../generators/case-types.ts';
import { buildMatrix } from '../generators/matrix.ts';
import {
  loadProfile,
  parseProfile,
  SecretStore,
  type MutationPolicy,
  type Profile,
  type ScopeResourceKinds,
} from '../generators/profile.ts';
import { MisuseError } from '../openapi/errors.ts';
import { getContract } from '../openapi/load.ts';
import type { Contract } from '../openapi/types.ts';
import { discoveryResults } from './discovery-cells.ts';
import { buildScenarios } from './scenarios/index.ts';
import { cellsOfShard } from './shard.ts';
import { selectableCells, selectCells, selectionVocabulary } from './selection.ts';
import type { CaseResult, ProgressSink, RunMeta } from './results.ts';
import { TargetHealth, type HealthOptions } from './target-health.ts';
import { createTransport, TargetError, type HttpResponse, type Sender, type Transport } from './transport.ts';
import type { MockWorker } from '../mock/worker-host.ts';

/** Options of a run, from the CLI or the environment. */
export interface RunOptions {
  /** Profile file; absent: the embedded mock. */
  profileFile?: string;
  seed?: number;
  strict?: boolean;
  /** `--only`: comma-separated selectors (suites/selection.ts); one that matches no cell is misuse. */
  only?: string;
  maxRps?: number;
  concurrency?: number;
  /**
   * Embedded mock only: options passed to startMock. With `worker` (it gives a thread running a
   * module that calls mock/worker.ts's serveInWorker, such as the CLI's bundle of
   * mock/worker-entry.ts) and no `parts`, the mock runs in that thread, off the suite's; otherwise
   * in this thread.
   */
  mock?: { scale?: number; seed?: number; parts?: unknown; worker?: () => Worker };
  shard?: { index: number; count: number };
  /** Total deadline of one request attempt, in ms (--request-timeout). */
  requestTimeoutMs?: number;
  /** Largest response body read, in bytes (--max-response-bytes). */
  maxResponseBytes?: number;
  /** The run's wait budget and circuit breaker (--max-wait, --max-connection-failures). */
  health?: HealthOptions;
  /** Pages discovery walks per list (--max-pages). */
  maxPages?: number;
  /** PEM certificates to trust besides the system's (--ca FILE, read by the CLI). */
  ca?: string;
  /** Generated requests per robustness cell (--fuzz N; 0: none; default DEFAULT_FUZZ). */
  fuzz?: number;
  /** Told of the discovery and matrix phases (the CLI's progress line). */
  progress?: ProgressSink;
  /** Milliseconds between a write and its replay in the time sequences (--replay-pause; default DEFAULT_REPLAY_PAUSE_MS). */
  replayPauseMs?: number;
  /** Milliseconds an execution-settling sequence polls at most (default DEFAULT_SETTLE_BUDGET_MS). */
  settleBudgetMs?: number;
}

/** A prepared run: everything the suites need, secrets apart. */
export interface PreparedRun {
  meta: RunMeta;
  profile: Profile;
  secrets: SecretStore;
  inventory: Inventory;
  cases: Case[];
  scenarios: Scenario[];
  /** Discovery judged: one cell per organization and GET operation (selected like the rest). */
  discovery: CaseResult[];
  /** The run's wait budget and circuit breaker, shared by discovery and the run. */
  health: TargetHealth;
  /** How the run's requests are bounded: the options the run was prepared with, for {@link executeRun}. */
  limits: { concurrency: number; maxRps: number; requestTimeoutMs?: number; maxResponseBytes?: number; ca?: string };
  /** The embedded mock only: why its thread failed or ended during the run, if it did (a run that lost its target says why). */
  mockFailure?: () => string | undefined;
  close(): Promise<void>;
}

/** The scope → resource-kind table the profile validator needs, from the contract. */
export function scopeKinds(contract: Contract): ScopeResourceKinds {
  return Object.fromEntries(Object.entries(contract.scopes).map(([s, spec]) => [s, spec.resources]));
}

/** The project's version, for reports. */
export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

/** Prepares a run against the embedded mock or a profile's target. */
export async function prepareRun(opts: RunOptions = {}): Promise<PreparedRun> {
  const contract = await getContract();
  const seed = opts.seed ?? 1;
  const startedAt = new Date().toISOString();
  let profile: Profile;
  let secrets: SecretStore;
  let embedded = false;
  let close = async () => {};
  let mockFailure: (() => string | undefined) | undefined;
  opts.progress?.phase('discovery', null);
  if (opts.profileFile) {
    ({ profile, secrets } = loadProfile(opts.profileFile, scopeKinds(contract)));
  } else {
    const mock = await startEmbeddedMock(contract, opts, seed);
    ({ profile, secrets } = mock);
    close = mock.close;
    mockFailure = mock.failure;
    embedded = true;
  }
  const mutations: MutationPolicy = profile.mutations ?? (embedded ? 'all' : 'denied-only');
  const health = new TargetHealth(opts.health);
  const transport = createTransport({
    baseUrl: profile.base_url,
    secrets,
    concurrency: opts.concurrency ?? 16,
    maxRps: opts.maxRps ?? 0,
    retries: 1,
    health,
    ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
    ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
    ...(opts.ca ? { ca: opts.ca } : {}),
  });
  try {
    await probeTarget(transport, profile);
    const inventory = await discoverInventory(
      contract,
      profile,
      counted(fetcher(transport), opts.progress),
      opts.maxPages ? { maxPages: opts.maxPages } : {},
    );
    opts.progress?.phase('matrix', null);
    const built = buildMatrix(contract, inventory, profile.keys, {
      seed,
      mutations,
      embedded,
      ...(opts.fuzz !== undefined ? { fuzz: opts.fuzz } : {}),
      ...(opts.replayPauseMs !== undefined ? { replayPauseMs: opts.replayPauseMs } : {}),
      ...(opts.settleBudgetMs !== undefined ? { settleBudgetMs: opts.settleBudgetMs } : {}),
    });
    const scen = buildScenarios(built.ctx);
    const matrix: Cells = { cases: built.cases, scenarios: scen.scenarios };
    const withheld: Cells = { cases: built.withheld, scenarios: scen.withheld };
    const discovery = discoveryResults(inventory, profile.base_url, secrets);
    const withheldCount = withheld.cases.length + withheld.scenarios.length;
    const cellsDefined = matrix.cases.length + matrix.scenarios.length + discovery.length + withheldCount;
    const selected = select(matrix, discovery, opts.only, opts.shard, {
      operations: contract.operations.map((o) => o.operationId),
      keys: profile.keys.map((k) => k.id),
      mutations,
    });
    const meta: RunMeta = {
      schema_version: 1,
      tool_version: toolVersion(),
      spec_version: contract.version,
      target: { base_url: profile.base_url, embedded },
      seed,
      fuzz: built.ctx.opts.fuzz,
      strict: opts.strict ?? false,
      mutations,
      keys: profile.keys.map((k) => ({
        id: k.id,
        org: k.org,
        revoked: k.revoked,
        scopes: [...new Set(k.permissions.map((p) => p.scope))].sort(),
      })),
      coverage: coverage(profile.keys, inventory),
      not_generated: [
        ...built.notGenerated,
        ...(opts.only ? [`--only ${opts.only}: ${selected.leftOut} cells left out`] : []),
      ],
      inventory: {
        started_at: inventory.started_at,
        orgs: inventory.orgs.map((o) => ({
          org: o.org,
          accounts: o.accounts.length,
          rules: o.rules.length,
          executions: o.executions.length,
          transfers: o.transfers.length,
          cards: o.cards.length,
          card_transactions: o.cardTransactions.length,
        })),
        problems: inventory.problems,
      },
      cells_defined: cellsDefined,
      cells_withheld: withheldCount,
      selected: selected.cases.length + selected.scenarios.length + selected.discovery.length,
      ...definedBy(matrix, withheld, discovery),
      started_at: startedAt,
      ...(opts.shard ? { shard: opts.shard } : {}),
      operations: contract.operations.map((o) => o.operationId),
    };
    const limits = {
      concurrency: opts.concurrency ?? 16,
      maxRps: opts.maxRps ?? 0,
      ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
      ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
      ...(opts.ca ? { ca: opts.ca } : {}),
    };
    return {
      meta,
      profile,
      secrets,
      inventory,
      cases: selected.cases,
      scenarios: selected.scenarios,
      discovery: selected.discovery,
      health,
      limits,
      ...(mockFailure ? { mockFailure } : {}),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  } finally {
    await transport.close();
  }
}

/** The matrix's cells of a run: cases and scenarios, after the mutations policy. */
interface Cells {
  cases: Case[];
  scenarios: Scenario[];
}

/** Cells the matrix defines per clause family and per operation (for coverage by family and operation). */
function definedBy(
  m: Cells,
  withheld: Cells,
  discovery: CaseResult[],
): Pick<RunMeta, 'cells_defined_by_family' | 'cells_defined_by_operation'> {
  const fam: Record<string, number> = {};
  const ops: Record<string, number> = {};
  const count = (clause: string, op: string) => {
    const f = /^(C-[A-Z]+)/.exec(clause)?.[1] ?? clause;
    fam[f] = (fam[f] ?? 0) + 1;
    ops[op] = (ops[op] ?? 0) + 1;
  };
  for (const c of [...m.cases, ...withheld.cases]) count(c.expect.clause, c.operationId);
  for (const s of [...m.scenarios, ...withheld.scenarios]) count(s.clause, s.operationId);
  for (const d of discovery) count(d.expected.clause, d.operation_id);
  return { cells_defined_by_family: fam, cells_defined_by_operation: ops };
}

/** The cells `--only` keeps (suites/selection.ts), then those of this `--shard`; and how many `--only` left out. */
function select(
  m: Cells,
  discovery: CaseResult[],
  only: string | undefined,
  shard: RunOptions['shard'],
  vocab: { operations: string[]; keys: string[]; mutations: string },
): { cases: Case[]; scenarios: Scenario[]; discovery: CaseResult[]; leftOut: number } {
  let keep = (_id: string) => true;
  if (only !== undefined) {
    const ids = selectCells(
      only,
      selectableCells(m.cases, m.scenarios, discovery),
      selectionVocabulary(vocab.operations, vocab.keys),
      vocab.mutations === 'all' ? '' : ` (cells the mutations policy ${vocab.mutations} leaves out cannot be selected)`,
    );
    keep = (id) => ids.has(id);
  }
  const cases = m.cases.filter((c) => keep(c.id));
  const scenarios = m.scenarios.filter((s) => keep(s.id));
  const found = discovery.filter((d) => keep(d.case_id));
  const leftOut =
    m.cases.length + m.scenarios.length + discovery.length - cases.length - scenarios.length - found.length;
  return {
    ...cellsOfShard(cases, scenarios, shard),
    // Every shard discovers; only the first reports discovery, so a merge counts it once.
    discovery: found.filter(() => !shard || shard.index === 1),
    leftOut,
  };
}

/** A JSON GET through the transport, for discovery: a request that gets no answer is reported, not thrown. */
export function fetcher(transport: Transport) {
  return async (keyId: string, path: string, query: Array<[string, string]> = []) => {
    try {
      const res = await transport.send({ method: 'GET', path, query, headers: {} }, { credential: 'key', keyId });
      return { status: res.status, body: res.json, ...(res.jsonProblem ? { problem: res.jsonProblem } : {}) };
    } catch (e) {
      if (e instanceof TargetError)
        return { status: 0, body: undefined, failure: { notSent: e.notSent, message: e.message } };
      throw e;
    }
  };
}

/** A fetch that tells `progress` of each request it ends. */
function counted<A extends unknown[], R>(f: (...a: A) => Promise<R>, progress?: ProgressSink) {
  if (!progress) return f;
  return async (...a: A): Promise<R> => {
    try {
      return await f(...a);
    } finally {
      progress.step();
    }
  };
}

/** True when an answer to GET /accounts could come from this API: JSON, and not "no such path". */
function looksLikeApi(res: HttpResponse): boolean {
  return typeof res.json === 'object' && res.json !== null && res.status !== 404 && res.status !== 405;
}

/**
 * Reachability, then the known-allowed probe of each live key: a key the target rejects with 401
 * is dead; a target that answers GET /accounts with no JSON, or "no such path", with and without
 * a key, is not this API (most often a base URL without its version path).
 */
async function probeTarget(transport: Transport, profile: Profile): Promise<void> {
  const accounts = { method: 'GET' as const, path: '/accounts', query: [], headers: {} };
  // No connection at all is misuse; an answer too slow or too large is the target's to be judged on.
  const probe = async (sender: Sender): Promise<HttpResponse | undefined> => {
    try {
      return await transport.send(accounts, sender);
    } catch (e) {
      if (!(e instanceof TargetError)) throw e;
      if (e.kind === 'connection' || e.kind === 'stopped')
        throw new MisuseError(
          'TARGET_UNREACHABLE',
          profile.base_url,
          e.message,
          /TLS certificate/.test(e.message)
            ? undefined
            : 'is the server running, and does base_url include the version path, e.g. /api/v1?',
        );
      return undefined;
    }
  };
  const anonymous = await probe({ credential: 'none', keyId: null });
  const answers: Array<{ key: string; res: HttpResponse | undefined }> = [];
  // A probe that got no usable answer (too slow, too large) makes the others pointless: the cells will judge.
  for (const key of profile.keys.filter((k) => !k.revoked)) {
    if (!anonymous || answers.some((a) => !a.res)) break;
    answers.push({ key: key.id, res: await probe({ credential: 'key', keyId: key.id }) });
  }
  if (anonymous && !looksLikeApi(anonymous) && answers.every((a) => !a.res || !looksLikeApi(a.res))) {
    const kind = [anonymous.headers['content-type']?.split(';')[0], anonymous.json === undefined ? 'not JSON' : '']
      .filter(Boolean)
      .join(', ');
    const shown = `${anonymous.status}${kind ? ` (${kind})` : ''}`;
    throw new MisuseError(
      'TARGET_NOT_THIS_API',
      `${profile.base_url}/accounts`,
      `answered ${shown} with and without a key, where the Sequence API answers 401 without a key and 200 with one`,
      'check the base URL: it must be the API root including the version path, e.g. https://host/api/v1',
    );
  }
  for (const { key, res } of answers)
    if (res?.status === 401)
      throw new MisuseError(
        'TARGET_KEY_PROBE_FAILED',
        `key ${key}`,
        'the target answered 401 to GET /accounts: the key is unknown, expired or revoked there',
        'fix the key or mark it revoked: true in the profile',
      );
  if (discoveryKeys(profile).keys.size === 0)
    throw new MisuseError(
      'TARGET_DISCOVERY_FAILED',
      'profile',
      'no organization has a key that can see everything, so no resource can be discovered',
      'add a key with LIST_ACCOUNTS, LIST_RULES and "*" on every READ scope',
    );
}

/** The embedded mock, in a worker thread when the options give one, else in this thread. */
async function startEmbedded(opts: RunOptions, seed: number): Promise<MockWorker> {
  const options = { seed: opts.mock?.seed ?? seed, scale: opts.mock?.scale ?? 1 };
  if (opts.mock?.worker && !opts.mock.parts) {
    const { startMockWorker } = await import('../mock/worker-host.ts');
    try {
      return await startMockWorker(opts.mock.worker(), options);
    } catch {
      // The thread is only where the mock runs, not what it answers: the same mock runs in this thread instead.
    }
  }
  const { startMock } = await import('../mock/serve.ts');
  const mock = await startMock({
    port: 0,
    ...options,
    ...(opts.mock?.parts ? { parts: opts.mock.parts as never } : {}),
  });
  return {
    baseUrl: mock.baseUrl,
    profile: mock.profile,
    provisionKeys: (keys) => Promise.resolve(keys.map((k) => mock.admin.provisionKey(k))),
    close: () => mock.close(),
    failure: () => undefined,
  };
}

/** Starts the reference mock, provisions the key plan on it and returns a profile of the plan. */
async function startEmbeddedMock(
  contract: Contract,
  opts: RunOptions,
  seed: number,
): Promise<{ profile: Profile; secrets: SecretStore; close: () => Promise<void>; failure: () => string | undefined }> {
  const mock = await startEmbedded(opts, seed);
  try {
    // Discover with the mock's own full keys, then provision exactly the plan's keys.
    const base = parseProfile(mock.profile, scopeKinds(contract), {});
    const t = createTransport({ baseUrl: base.profile.base_url, secrets: base.secrets, concurrency: 16 });
    const inventory = await discoverInventory(contract, base.profile, fetcher(t)).finally(() => t.close());
    const secrets = new SecretStore();
    const plan = planKeys(inventory);
    const suffix = randomBytes(3).toString('hex');
    const created = await mock.provisionKeys(
      plan.map((k) => ({
        id: `${k.id}-${suffix}`,
        org: k.org,
        permissions: k.permissions as never,
        revoked: k.revoked,
      })),
    );
    plan.forEach((k, i) => secrets.set(k.id, created[i]!.secret));
    return {
      profile: { base_url: mock.baseUrl, mutations: 'all', keys: plan },
      secrets,
      close: () => mock.close(),
      failure: () => mock.failure(),
    };
  } catch (e) {
    await mock.close();
    throw e;
  }
}
