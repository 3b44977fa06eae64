/**
 * The in-memory store: records of both organizations with the indexes lists need, the API
 * keys, the idempotency records, and the timer-free state engine. Pending effects (a transfer
 * completing, an execution finishing) sit in due-time queues and are applied by
 * {@link Store.settle} at the start of each request, so no timer ever runs and `close()` is
 * instant.
 */
import { compileKey, type KeySpec } from './keys.ts';
import { formatTime } from './prng.ts';
import type { SeedData } from './seed.ts';
import type { AccountRec, ApiKey, CardRec, CardTxnRec, Dated, ExecutionRec, RuleRec, TransferRec } from './types.ts';

/** A remembered 2xx answer to an idempotent POST (C-STATE-4). */
export interface IdempotencyRecord {
  path: string;
  /** Canonical JSON of the request body. */
  body: string;
  status: number;
  data: unknown;
  expiresMs: number;
}

/** Timing of the state engine. */
export interface StoreConfig {
  /** Delay before a created transfer becomes `complete` (C-STATE-1). */
  transferDelayMs: number;
  /** Delay before a triggered execution becomes `executed` (C-STATE-2). */
  executionDelayMs: number;
}

/** Inserts into a list kept ascending by (createdMs, id); appends in O(1) in the usual case. */
export function insertSorted<T extends Dated>(list: T[], rec: T): void {
  const last = list[list.length - 1];
  if (!last || last.createdMs < rec.createdMs || (last.createdMs === rec.createdMs && last.id < rec.id)) {
    list.push(rec);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = list[mid] as T;
    if (m.createdMs < rec.createdMs || (m.createdMs === rec.createdMs && m.id < rec.id)) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, rec);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
  return list;
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** The mock's state. */
export class Store {
  readonly orgLabels: string[];
  readonly accounts = new Map<string, AccountRec>();
  readonly rules = new Map<string, RuleRec>();
  readonly executions = new Map<string, ExecutionRec>();
  readonly transfers = new Map<string, TransferRec>();
  readonly cards = new Map<string, CardRec>();
  readonly cardTransactions = new Map<string, CardTxnRec>();

  readonly accountsByOrg = new Map<string, AccountRec[]>();
  readonly rulesByOrg = new Map<string, RuleRec[]>();
  /** Per account, transfers where it is source or destination, ascending. */
  readonly transfersByAccount = new Map<string, TransferRec[]>();
  readonly transfersByOrg = new Map<string, TransferRec[]>();
  readonly executionsByRule = new Map<string, ExecutionRec[]>();
  readonly executionsByOrg = new Map<string, ExecutionRec[]>();
  readonly cardsByAccount = new Map<string, CardRec[]>();
  readonly cardsByOrg = new Map<string, CardRec[]>();
  readonly txnsByCard = new Map<string, CardTxnRec[]>();

  readonly keysBySecret = new Map<string, ApiKey>();
  readonly keysById = new Map<string, ApiKey>();
  readonly idempotency = new Map<string, IdempotencyRecord>();

  readonly config: StoreConfig;
  readonly newId: (prefix: string) => string;

  #lastCreatedMs = 0;
  readonly #transferQueue: Array<{ rec: TransferRec; dueMs: number }> = [];
  #transferHead = 0;
  readonly #executionQueue: Array<{ rec: ExecutionRec; dueMs: number }> = [];
  #executionHead = 0;

  constructor(data: SeedData, keys: KeySpec[], config: StoreConfig, newId: (prefix: string) => string) {
    this.config = config;
    this.newId = newId;
    this.orgLabels = data.orgs.map((o) => o.label);
    for (const org of data.orgs) {
      listOf(this.accountsByOrg, org.label);
      listOf(this.rulesByOrg, org.label);
      listOf(this.transfersByOrg, org.label);
      listOf(this.executionsByOrg, org.label);
      listOf(this.cardsByOrg, org.label);
      for (const a of org.accounts) {
        this.accounts.set(a.id, a);
        push(this.accountsByOrg, a.org, a);
        listOf(this.transfersByAccount, a.id);
        listOf(this.cardsByAccount, a.id);
      }
      for (const r of org.rules) {
        this.rules.set(r.id, r);
        push(this.rulesByOrg, r.org, r);
        listOf(this.executionsByRule, r.id);
      }
      for (const c of org.cards) {
        this.cards.set(c.id, c);
        push(this.cardsByAccount, c.account_id, c);
        push(this.cardsByOrg, c.org, c);
        listOf(this.txnsByCard, c.id);
      }
      for (const t of org.transfers) this.#indexTransfer(t);
      for (const e of org.executions) this.#indexExecution(e);
      for (const x of org.cardTransactions) {
        this.cardTransactions.set(x.id, x);
        insertSorted(listOf(this.txnsByCard, x.card_id), x);
      }
      for (const list of [org.transfers, org.executions, org.cardTransactions])
        for (const rec of list) this.#lastCreatedMs = Math.max(this.#lastCreatedMs, rec.createdMs);
    }
    for (const spec of keys) this.addKey(spec);
  }

  /** True when `org` is one of the store's organization labels. */
  hasOrg(org: string): boolean {
    return this.accountsByOrg.has(org);
  }

  /**
   * Adds a key; throws when its id is taken or its organization is unknown. A secret names one
   * key: a key provisioned with a secret already in use replaces the key that had it.
   */
  addKey(spec: KeySpec): ApiKey {
    if (this.keysById.has(spec.id)) throw new Error(`key id ${spec.id} already exists`);
    if (!this.hasOrg(spec.org))
      throw new Error(`unknown organization ${spec.org}; known: ${this.orgLabels.join(', ')}`);
    const previous = this.keysBySecret.get(spec.secret);
    if (previous) this.keysById.delete(previous.id);
    const key = compileKey(spec);
    this.keysById.set(key.id, key);
    this.keysBySecret.set(key.secret, key);
    return key;
  }

  /** Revokes key `id`; false when there is no such key. */
  revokeKey(id: string): boolean {
    const key = this.keysById.get(id);
    if (!key) return false;
    key.revoked = true;
    return true;
  }

  /** A creation time at or after `atLeastMs`, strictly after every earlier one (distinct created_at). */
  nextCreatedMs(atLeastMs: number): number {
    this.#lastCreatedMs = Math.max(atLeastMs, this.#lastCreatedMs + 1);
    return this.#lastCreatedMs;
  }

  /** Stores a new transfer; with `completesAtMs` it turns `complete` then. */
  insertTransfer(rec: TransferRec, completesAtMs?: number): void {
    this.#indexTransfer(rec);
    if (completesAtMs !== undefined) this.#transferQueue.push({ rec, dueMs: completesAtMs });
  }

  /** Stores a new execution; with `dueMs` it finishes then (and creates its rule transfer). */
  insertExecution(rec: ExecutionRec, dueMs?: number): void {
    this.#indexExecution(rec);
    if (dueMs !== undefined) this.#executionQueue.push({ rec, dueMs });
  }

  /** Applies every pending effect due at `now`. O(1) when nothing is due. */
  settle(now: number): void {
    const eq = this.#executionQueue;
    while (this.#executionHead < eq.length && (eq[this.#executionHead] as { dueMs: number }).dueMs <= now) {
      const { rec, dueMs } = eq[this.#executionHead++] as { rec: ExecutionRec; dueMs: number };
      this.#finishExecution(rec, dueMs);
    }
    if (this.#executionHead > 1024 && this.#executionHead * 2 > eq.length) {
      eq.splice(0, this.#executionHead);
      this.#executionHead = 0;
    }
    const tq = this.#transferQueue;
    while (this.#transferHead < tq.length && (tq[this.#transferHead] as { dueMs: number }).dueMs <= now) {
      const { rec } = tq[this.#transferHead++] as { rec: TransferRec };
      if (rec.status === 'processing') rec.status = 'complete';
    }
    if (this.#transferHead > 1024 && this.#transferHead * 2 > tq.length) {
      tq.splice(0, this.#transferHead);
      this.#transferHead = 0;
    }
  }

  /** Counts of every kind, for health checks and the no-loss tests. */
  counts(): Record<string, number> {
    return {
      accounts: this.accounts.size,
      rules: this.rules.size,
      executions: this.executions.size,
      transfers: this.transfers.size,
      cards: this.cards.size,
      card_transactions: this.cardTransactions.size,
      keys: this.keysById.size,
    };
  }

  #finishExecution(ex: ExecutionRec, dueMs: number): void {
    const rule = this.rules.get(ex.rule_id);
    const src = rule && this.accounts.get(rule.source_id);
    const dst = rule && this.accounts.get(rule.destination_id);
    if (!rule || !src || !dst) {
      ex.status = 'failed';
      return;
    }
    const createdMs = this.nextCreatedMs(dueMs);
    const t: TransferRec = {
      org: ex.org,
      id: this.newId('txr_'),
      amount_in_cents: ex.amountInCents ?? rule.amount_in_cents,
      direction:
        src.type === 'external_account' ? 'money_in' : dst.type === 'external_account' ? 'money_out' : 'internal',
      origin: 'rule',
      status: 'processing',
      source_id: src.id,
      destination_id: dst.id,
      description: rule.nickname,
      rule_execution_id: ex.id,
      created_at: formatTime(createdMs),
      createdMs,
    };
    this.insertTransfer(t, createdMs + this.config.transferDelayMs);
    ex.transfer_ids.push(t.id);
    ex.status = 'executed';
  }

  #indexTransfer(t: TransferRec): void {
    this.transfers.set(t.id, t);
    insertSorted(listOf(this.transfersByOrg, t.org), t);
    insertSorted(listOf(this.transfersByAccount, t.source_id), t);
    if (t.destination_id !== t.source_id) insertSorted(listOf(this.transfersByAccount, t.destination_id), t);
  }

  #indexExecution(e: ExecutionRec): void {
    this.executions.set(e.id, e);
    insertSorted(listOf(this.executionsByOrg, e.org), e);
    insertSorted(listOf(this.executionsByRule, e.rule_id), e);
  }
}
