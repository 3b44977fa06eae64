/**
 * Preparing a run: the target (the embedded mock, or a profile's base URL), its keys, the
 * reachability and known-allowed probes, inventory discovery and the matrix. Every way this can
 * go wrong is a coded {@link MisuseError}, raised before any conformance request is sent.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Case } from '../generators/case-types.ts';
import { discoverInventory, discoveryKeys, type Inventory } from '../generators/inventory.ts';
import { coverage, planKeys } from '../generators/key-plan.ts';
import { buildMatrix, type Matrix, type Scenario } from '../generators/matrix.ts';
import { loadProfile, parseProfile, SecretStore, type MutationPolicy, type Profile, type ScopeResourceKinds } from '../generators/profile.ts';
import { MisuseError } from '../openapi/errors.ts';
import { getContract } from '../openapi/load.ts';
import type { Contract } from '../openapi/types.ts';
import type { RunMeta } from './results.ts';
import { createTransport, TargetError, type Transport } from './transport.ts';

/** Options of a run, from the CLI or the environment. */
export interface RunOptions {
  /** Profile file; absent: the embedded mock. */
  profileFile?: string;
  seed?: number;
  strict?: boolean;
  /** Keep only cases whose `family/operationId/variant` or id contains one of these comma-separated parts. */
  only?: string;
  maxRps?: number;
  concurrency?: number;
  /** Embedded mock only: options passed to startMock. */
  mock?: { scale?: number; seed?: number; parts?: unknown };
  shard?: { index: number; count: number };
}

/** A prepared run: everything the suites need, secrets apart. */
export interface PreparedRun {
  meta: RunMeta;
  profile: Profile;
  secrets: SecretStore;
  inventory: Inventory;
  cases: Case[];
  scenarios: Scenario[];
  close(): Promise<void>;
}

/** The scope → resource-kind table the profile validator needs, from the contract. */
export function scopeKinds(contract: Contract): ScopeResourceKinds {
  return Object.fromEntries(Object.entries(contract.scopes).map(([s, spec]) => [s, spec.resources]));
}

/** The project's version, for reports. */
export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
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
  if (opts.profileFile) {
    ({ profile, secrets } = loadProfile(opts.profileFile, scopeKinds(contract)));
  } else {
    const mock = await startEmbeddedMock(contract, opts, seed);
    ({ profile, secrets } = mock);
    close = mock.close;
    embedded = true;
  }
  const mutations: MutationPolicy = profile.mutations ?? (embedded ? 'all' : 'denied-only');
  const transport = createTransport({ baseUrl: profile.base_url, secrets, concurrency: opts.concurrency ?? 16, maxRps: opts.maxRps ?? 0, retries: 1 });
  try {
    await probeTarget(transport, profile);
    const inventory = await discoverInventory(profile, fetcher(transport));
    const matrix = buildMatrix(contract, inventory, profile.keys, { seed, mutations });
    const cellsDefined = matrix.cases.length + matrix.scenarios.length;
    const selected = select(matrix, opts.only);
    const meta: RunMeta = {
      schema_version: 1,
      tool_version: toolVersion(),
      spec_version: contract.version,
      target: { base_url: profile.base_url, embedded },
      seed,
      strict: opts.strict ?? false,
      mutations,
      keys: profile.keys.map((k) => ({ id: k.id, org: k.org, revoked: k.revoked, scopes: [...new Set(k.permissions.map((p) => p.scope))].sort() })),
      coverage: coverage(profile.keys, inventory),
      not_generated: [...matrix.notGenerated, ...(opts.only ? [`--only ${opts.only}: ${cellsDefined - selected.cases.length - selected.scenarios.length} cells left out`] : [])],
      inventory: {
        started_at: inventory.started_at,
        orgs: inventory.orgs.map((o) => ({ org: o.org, accounts: o.accounts.length, rules: o.rules.length, executions: o.executions.length, transfers: o.transfers.length, cards: o.cards.length, card_transactions: o.cardTransactions.length })),
        problems: inventory.problems,
      },
      cells_defined: cellsDefined,
      ...definedBy(matrix),
      started_at: startedAt,
      ...(opts.shard ? { shard: opts.shard } : {}),
    };
    return { meta, profile, secrets, inventory, cases: selected.cases, scenarios: selected.scenarios, close };
  } catch (e) {
    await close();
    throw e;
  } finally {
    await transport.close();
  }
}

/** Cells the matrix defines per clause family and per operation (for coverage by family and operation). */
function definedBy(m: Matrix): Pick<RunMeta, 'cells_defined_by_family' | 'cells_defined_by_operation'> {
  const fam: Record<string, number> = {};
  const ops: Record<string, number> = {};
  const count = (clause: string, op: string) => {
    const f = /^(C-[A-Z]+)/.exec(clause)?.[1] ?? clause;
    fam[f] = (fam[f] ?? 0) + 1;
    ops[op] = (ops[op] ?? 0) + 1;
  };
  for (const c of m.cases) count(c.expect.clause, c.operationId);
  for (const s of m.scenarios) count(s.clause, s.operationId);
  return { cells_defined_by_family: fam, cells_defined_by_operation: ops };
}

function select(m: Matrix, only: string | undefined): { cases: Case[]; scenarios: Scenario[] } {
  if (!only) return m;
  const parts = only.split(',').map((p) => p.trim()).filter(Boolean);
  const hit = (text: string) => parts.some((p) => text.includes(p));
  return {
    cases: m.cases.filter((c) => hit(`${c.family}/${c.operationId}/${c.variant}`) || hit(c.id)),
    scenarios: m.scenarios.filter((s) => hit(`${s.kind}/${s.operationId}`) || hit(s.id)),
  };
}

/** A JSON GET through the transport, for discovery. */
export function fetcher(transport: Transport) {
  return async (keyId: string, path: string, query: Record<string, string> = {}) => {
    try {
      const res = await transport.send({ method: 'GET', path, query: Object.entries(query), headers: {} }, { credential: 'key', keyId });
      return { status: res.status, body: res.json };
    } catch (e) {
      if (e instanceof TargetError) throw new MisuseError('TARGET_DISCOVERY_FAILED', `GET ${path}`, e.message);
      throw e;
    }
  };
}

/** Reachability, then the known-allowed probe of each live key: a key the target rejects with 401 is dead. */
async function probeTarget(transport: Transport, profile: Profile): Promise<void> {
  try {
    await transport.send({ method: 'GET', path: '/accounts', query: [], headers: {} }, { credential: 'none', keyId: null });
  } catch (e) {
    if (e instanceof TargetError) throw new MisuseError('TARGET_UNREACHABLE', profile.base_url, e.message, 'is the server running, and does base_url include the version path, e.g. /api/v1?');
    throw e;
  }
  for (const key of profile.keys.filter((k) => !k.revoked)) {
    const res = await transport.send({ method: 'GET', path: '/accounts', query: [], headers: {} }, { credential: 'key', keyId: key.id });
    if (res.status === 401)
      throw new MisuseError('TARGET_KEY_PROBE_FAILED', `key ${key.id}`, 'the target answered 401 to GET /accounts: the key is unknown, expired or revoked there', 'fix the key or mark it revoked: true in the profile');
  }
  if (discoveryKeys(profile).keys.size === 0)
    throw new MisuseError('TARGET_DISCOVERY_FAILED', 'profile', 'no organization has a key that can see everything, so no resource can be discovered', 'add a key with LIST_ACCOUNTS, LIST_RULES and "*" on every READ scope');
}

/** Starts the reference mock, provisions the key plan on it and returns a profile of the plan. */
async function startEmbeddedMock(contract: Contract, opts: RunOptions, seed: number): Promise<{ profile: Profile; secrets: SecretStore; close: () => Promise<void> }> {
  const { startMock } = await import('../mock/serve.ts');
  const mock = await startMock({ port: 0, seed: opts.mock?.seed ?? seed, scale: opts.mock?.scale ?? 1, ...(opts.mock?.parts ? { parts: opts.mock.parts as never } : {}) });
  try {
    // Discover with the mock's own full keys, then provision exactly the plan's keys.
    const base = parseProfile(mock.profile, scopeKinds(contract), {});
    const t = createTransport({ baseUrl: base.profile.base_url, secrets: base.secrets, concurrency: 16 });
    const inventory = await discoverInventory(base.profile, fetcher(t)).finally(() => t.close());
    const secrets = new SecretStore();
    const plan = planKeys(inventory);
    const suffix = randomBytes(3).toString('hex');
    for (const k of plan) {
      const created = mock.admin.provisionKey({ id: `${k.id}-${suffix}`, org: k.org, permissions: k.permissions as never, revoked: k.revoked });
      secrets.set(k.id, created.secret);
    }
    return { profile: { base_url: mock.baseUrl, mutations: 'all', keys: plan }, secrets, close: () => mock.close() };
  } catch (e) {
    await mock.close();
    throw e;
  }
}
