/**
 * What every builder of the matrix reads: the contract, the discovered inventory, the profile's
 * keys and the options; and where they note the cells that could not be generated.
 */
import type { Contract, Operation } from '../openapi/types.ts';
import type { Case } from './case-types.ts';
import { listItemKind } from './contract-facts.ts';
import { fieldAt, type Inventory, type Item, type OrgInventory } from './inventory.ts';
import type { KeySpec, MutationPolicy } from './profile.ts';

/** Generated requests per robustness cell unless --fuzz says otherwise: keeps the default run within 15 % of its time without the phase (bench/robustness.ts). */
export const DEFAULT_FUZZ = 10;

/** The pause before a replay of the time sequences unless --replay-pause says otherwise: a run against a real target lasts minutes, so it hides behind the other cells. */
export const DEFAULT_REPLAY_PAUSE_MS = 3000;

/** How long an execution is polled until it settles, unless the run says otherwise: real executions may take seconds. */
export const DEFAULT_SETTLE_BUDGET_MS = 15_000;

/** The same against the embedded mock, whose executions settle after 2 s and whose whole run lasts about a second: agreement is judged while they run. */
export const EMBEDDED_SETTLE_BUDGET_MS = 500;

/** The same against the embedded mock, whose whole run lasts seconds: what keeps the default run within 10 % (bench/sequences.ts). */
export const EMBEDDED_REPLAY_PAUSE_MS = 500;

/** Options of the matrix. */
export interface MatrixOptions {
  /** Seed of the property-based parts; printed by the runner so a run can be repeated. */
  seed: number;
  mutations: MutationPolicy;
  /** How many objects of another organization each object-addressed operation probes. */
  foreignSamples?: number;
  /** Generated requests per robustness cell (--fuzz N; 0: no robustness phase). */
  fuzz?: number;
  /** Milliseconds the replay-after-pause sequences wait between a write and its replay (--replay-pause). */
  replayPauseMs?: number;
  /** Milliseconds an execution-settling sequence polls at most (default DEFAULT_SETTLE_BUDGET_MS; EMBEDDED_SETTLE_BUDGET_MS on the embedded mock). */
  settleBudgetMs?: number;
  /** The target is the embedded reference mock: the robustness phase may send writes that could succeed there. */
  embedded?: boolean;
}

/** The builders' shared reading of one run's inputs. */
export interface MatrixCtx {
  contract: Contract;
  inv: Inventory;
  keys: KeySpec[];
  opts: Required<MatrixOptions>;
  /** Cases built so far, by id (a case built twice is kept once). */
  cases: Map<string, Case>;
  notGenerated: string[];
}

/** A fresh context over `inventory` and `keys`. */
export function matrixContext(
  contract: Contract,
  inventory: Inventory,
  keys: KeySpec[],
  options: MatrixOptions,
): MatrixCtx {
  return {
    contract,
    inv: inventory,
    keys,
    opts: {
      foreignSamples: 2,
      fuzz: DEFAULT_FUZZ,
      replayPauseMs: options.embedded ? EMBEDDED_REPLAY_PAUSE_MS : DEFAULT_REPLAY_PAUSE_MS,
      settleBudgetMs: options.embedded ? EMBEDDED_SETTLE_BUDGET_MS : DEFAULT_SETTLE_BUDGET_MS,
      embedded: false,
      ...options,
    },
    cases: new Map(),
    notGenerated: [],
  };
}

/** Which list of an organization holds each object kind. */
export const KIND_LISTS: Record<
  string,
  keyof Pick<OrgInventory, 'accounts' | 'rules' | 'executions' | 'transfers' | 'cards' | 'cardTransactions'>
> = {
  account: 'accounts',
  rule: 'rules',
  rule_execution: 'executions',
  transfer: 'transfers',
  card: 'cards',
  card_transaction: 'cardTransactions',
};

/** The inventory of organization `org`, if it was discovered. */
export function orgOf(ctx: MatrixCtx, org: string): OrgInventory | undefined {
  return ctx.inv.orgs.find((o) => o.org === org);
}

/** The organization that owns `id`, or null when no discovered organization holds it. */
export function ownerOf(ctx: MatrixCtx, id: string): string | null {
  return ctx.inv.owners[id] ?? null;
}

/** A live key that discovered an organization (of `org`, when given). */
export function fullKey(ctx: MatrixCtx, org?: string): KeySpec | undefined {
  return ctx.keys.find(
    (k) => !k.revoked && (org === undefined || k.org === org) && ctx.inv.orgs.some((o) => o.keyId === k.id),
  );
}

/** The items a list operation returns, from an organization's inventory. */
export function itemsOf(ctx: MatrixCtx, o: OrgInventory, op: Operation): Item[] {
  const kind = listItemKind(ctx.contract, op);
  return kind ? o[KIND_LISTS[kind]!] : [];
}

/** The items of a paged list under each membership value (one pass over the items). */
export function membersByValue(ctx: MatrixCtx, o: OrgInventory, op: Operation): Map<string, Item[]> {
  const out = new Map<string, Item[]>();
  const ms = op.list?.membership;
  if (!ms) return out;
  for (const i of itemsOf(ctx, o, op))
    for (const v of new Set(ms.fields.map((f) => fieldAt(i, f))))
      if (typeof v === 'string') {
        const list = out.get(v);
        if (list) list.push(i);
        else out.set(v, [i]);
      }
  return out;
}

/** How many items of a paged list each membership value holds. */
export function memberCounts(ctx: MatrixCtx, o: OrgInventory, op: Operation): Map<string, number> {
  return new Map([...membersByValue(ctx, o, op)].map(([v, items]) => [v, items.length]));
}
