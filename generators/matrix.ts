/**
 * The matrix: every cell of keys × operations × resources × variants, each a plain
 * {@link Case} with the oracle's expectation and an id hashed from its content. Scenarios
 * (sequences of requests: page walks, create-then-read, replays) are plain data too; the
 * suites run them and ask the oracle at each step.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Contract, ObjectLocator, Operation, OperationId, ParamLocator } from '../openapi/types.ts';
import { isValidRequestId, type Case, type CredentialKind, type Defect, type Family, type RequestSpec, type ResourceRef, type RuleRef, type Variant } from './case-types.ts';
import { listItemKind } from './contract-facts.ts';
import { fieldAt, type Inventory, type Item, type OrgInventory } from './inventory.ts';
import { listMiss } from './list-match.ts';
import { expectOutcome } from './oracle.ts';
import type { KeySpec, MutationPolicy, TransferPair } from './profile.ts';

/** Options of {@link buildMatrix}. */
export interface MatrixOptions {
  /** Seed of the property-based parts; printed by the runner so a run can be repeated. */
  seed: number;
  mutations: MutationPolicy;
  /** How many objects of another organization each object-addressed operation probes. */
  foreignSamples?: number;
}

/** A multi-request check, run by the state and list suites. */
export type Scenario =
  | {
      id: string;
      kind: 'page_walk';
      operationId: OperationId;
      keyId: string;
      query: Array<[string, string]>;
      path: string;
      first: number;
      /** Items the walk must return: the inventory's, under the membership and filters sent. */
      expectedIds: string[] | null;
      /** GET path template (`/transfers/{id}`) to re-read a missing item whose filtered field may have changed since discovery. */
      recheck?: string;
      clause: 'C-LIST-3' | 'C-LIST-1';
    }
  | { id: string; kind: 'create_readback'; operationId: OperationId; path: string; keyId: string; body: Record<string, unknown>; readers: string[]; clause: 'C-STATE-1' }
  | { id: string; kind: 'trigger_poll'; operationId: OperationId; path: string; keyId: string; ruleId: string; readers: string[]; clause: 'C-STATE-2' }
  | {
      id: string;
      kind: 'idempotent_replay';
      operationId: OperationId;
      keyId: string;
      /** Another key of the organization allowed the same request: its Idempotency-Keys must not meet this key's. */
      otherKeyId: string | null;
      path: string;
      /** Another path the key may POST the same body to: the same Idempotency-Key there conflicts. */
      otherPath: string | null;
      body: Record<string, unknown>;
      /** A body that differs but passes validation for this path: the same Idempotency-Key with it conflicts. */
      conflictBody: Record<string, unknown> | null;
      clause: 'C-STATE-4';
    }
  | {
      id: string;
      kind: 'denied_write';
      operationId: OperationId;
      keyId: string;
      path: string;
      body: Record<string, unknown>;
      observerKeyId: string;
      watch: { path: string; query: Array<[string, string]> };
      /** A body the same key may send: after the denial, it must succeed under the same Idempotency-Key (nothing was recorded). Only with mutations: all. */
      followUp?: Record<string, unknown>;
      clause: 'C-PERM-7';
    }
  | { id: string; kind: 'foreign_cursor'; operationId: OperationId; fromOperationId: OperationId; keyId: string; path: string; query: Array<[string, string]>; fromPath: string; fromQuery: Array<[string, string]>; clause: 'C-VAL-2' };

/** The generated matrix. */
export interface Matrix {
  seed: number;
  cases: Case[];
  scenarios: Scenario[];
  /** Cells that could not be generated, and why (for the report's coverage section). */
  notGenerated: string[];
}

/** A deterministic id from the content of a case or scenario. */
export function contentId(prefix: string, content: unknown): string {
  return `${prefix}_${createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 12)}`;
}

/** JSON with object keys sorted, so equal content hashes equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** An ID of the right shape that no server should hold. */
export function missingId(prefix: string): string {
  return `${prefix}0NOSUCHRESOURCE00000000000`;
}

/** An ID of no known shape (C-FOUND-2). */
export const WRONG_SHAPE_ID = 'no-such-shape~1';

const KIND_LISTS: Record<string, keyof Pick<OrgInventory, 'accounts' | 'rules' | 'executions' | 'transfers' | 'cards' | 'cardTransactions'>> = {
  account: 'accounts',
  rule: 'rules',
  rule_execution: 'executions',
  transfer: 'transfers',
  card: 'cards',
  card_transaction: 'cardTransactions',
};

interface Ctx {
  contract: Contract;
  inv: Inventory;
  keys: KeySpec[];
  opts: Required<MatrixOptions>;
  cases: Map<string, Case>;
  notGenerated: string[];
}

/** Builds every case and scenario for `keys` over `inventory`. Pure: the same inputs give the same matrix. */
export function buildMatrix(contract: Contract, inventory: Inventory, keys: KeySpec[], options: MatrixOptions): Matrix {
  const opts: Required<MatrixOptions> = { foreignSamples: 2, ...options };
  const ctx: Ctx = { contract, inv: inventory, keys, opts, cases: new Map(), notGenerated: [] };
  for (const u of inventory.undiscovered) ctx.notGenerated.push(`organization ${u.org}: ${u.reason}`);
  const live = keys.filter((k) => !k.revoked);
  for (const op of contract.operations) {
    credentialCells(ctx, op);
    for (const key of live) {
      if (!orgOf(ctx, key.org)) continue;
      permissionCells(ctx, op, key);
      validationCells(ctx, op, key);
    }
    requestIdCells(ctx, op);
    listCells(ctx, op);
  }
  const scenarios = buildScenarios(ctx);
  let cases = [...ctx.cases.values()];
  if (opts.mutations !== 'all') {
    const before = cases.length;
    cases = cases.filter((c) => !c.write || (opts.mutations === 'denied-only' && (c.expect.status < 200 || c.expect.status > 299)));
    if (cases.length < before)
      ctx.notGenerated.push(`${before - cases.length} write cells not sent: mutations is ${opts.mutations} (they would move money or start rules)`);
  }
  return { seed: opts.seed, cases, scenarios: filterScenarios(scenarios, opts.mutations), notGenerated: ctx.notGenerated };
}

function filterScenarios(s: Scenario[], m: MutationPolicy): Scenario[] {
  if (m === 'all') return s;
  return s
    .filter((x) => x.kind === 'page_walk' || x.kind === 'foreign_cursor' || (m === 'denied-only' && x.kind === 'denied_write'))
    .map((x) => (x.kind === 'denied_write' && x.followUp ? (({ followUp: _f, ...rest }) => rest)(x) : x));
}

function orgOf(ctx: Ctx, org: string): OrgInventory | undefined {
  return ctx.inv.orgs.find((o) => o.org === org);
}

function ownerOf(ctx: Ctx, id: string): string | null {
  return ctx.inv.owners[id] ?? null;
}

function fullKey(ctx: Ctx, org?: string): KeySpec | undefined {
  return ctx.keys.find((k) => !k.revoked && (org === undefined || k.org === org) && ctx.inv.orgs.some((o) => o.keyId === k.id));
}

function add(ctx: Ctx, family: Family, op: Operation, key: KeySpec | null, resource: ResourceRef, label: string, variant: Variant, variantName: string, request: RequestSpec, sendAs?: string): void {
  const expect = expectOutcome(op, key, resource, variant);
  // `sendAs`: whose secret travels under another scheme (Bearer, Basic) that must still get 401.
  const keyId = sendAs ?? key?.id ?? null;
  const content = { operationId: op.operationId, keyId, credential: variant.credential, request, variant: variantName };
  const id = contentId('c', content);
  if (ctx.cases.has(id)) return;
  ctx.cases.set(id, {
    id,
    family,
    operationId: op.operationId,
    keyId,
    credential: variant.credential,
    resource: label,
    variant: variantName,
    request,
    expect,
    write: op.method === 'post',
  });
}

/** Resources of one kind an operation can address for `key`, with labels. */
function resourcesFor(ctx: Ctx, op: Operation, key: KeySpec): Array<{ ref: ResourceRef; label: string; item?: Item }> {
  const perm = op.permission;
  const mine = orgOf(ctx, key.org)!;
  const foreign = ctx.inv.orgs.filter((o) => o.org !== key.org);
  if (perm.addressing === 'none') return [{ ref: { kind: 'none' }, label: '-' }];
  if (perm.addressing === 'request' && perm.resource !== 'account_pair') {
    const kind = perm.resource as 'account' | 'rule';
    const list = KIND_LISTS[kind]!;
    const prefix = ctx.contract.resourceKinds[kind].prefix;
    const idRef = (item: Item | null, id: string): RuleRef => ({
      id,
      org: ownerOf(ctx, id),
      ...(item && kind === 'rule' ? { status: item.status as RuleRef['status'], trigger_type: item.trigger_type as RuleRef['trigger_type'] } : {}),
    });
    const out: Array<{ ref: ResourceRef; label: string; item?: Item }> = mine[list].map((item) => ({ ref: { kind: 'id', ref: idRef(item, item.id) }, label: item.id, item }));
    for (const o of foreign) for (const item of o[list].slice(0, ctx.opts.foreignSamples)) out.push({ ref: { kind: 'id', ref: idRef(item, item.id) }, label: `${item.id} (org ${o.org})`, item });
    out.push({ ref: { kind: 'id', ref: { id: missingId(prefix), org: null } }, label: 'missing id' });
    out.push({ ref: { kind: 'id', ref: { id: WRONG_SHAPE_ID, org: null, wrongShape: true } }, label: 'wrong-shape id' });
    // Near misses of real IDs: an ID is matched whole, never by prefix or with padding trimmed.
    const first = mine[list][0];
    if (first) out.push({ ref: { kind: 'id', ref: { id: `${first.id} `, org: null } }, label: 'real id + trailing space' });
    out.push({ ref: { kind: 'id', ref: { id: `${prefix}${'9'.repeat(400)}`, org: null } }, label: 'a 400-character id' });
    const listed = key.permissions.filter((p) => p.scope === perm.scope).flatMap((p) => (p.resources ?? []) as string[]).find((id) => id !== '*' && ownerOf(ctx, id) === key.org);
    if (listed) out.push({ ref: { kind: 'id', ref: { id: `${listed}0`, org: null } }, label: 'listed id + one character' });
    return out;
  }
  if (perm.addressing === 'object') {
    const loc = perm.locator as ObjectLocator;
    const list = KIND_LISTS[loc.object]!;
    const prefix = ctx.contract.resourceKinds[loc.object].prefix;
    const objRef = (item: Item): ResourceRef => ({ kind: 'object', id: item.id, org: ownerOf(ctx, item.id), links: loc.fields.map((f) => String(fieldAt(item, f))) });
    const out: Array<{ ref: ResourceRef; label: string; item?: Item }> = mine[list].map((item) => ({ ref: objRef(item), label: item.id, item }));
    for (const o of foreign) for (const item of o[list].slice(0, ctx.opts.foreignSamples)) out.push({ ref: objRef(item), label: `${item.id} (org ${o.org})`, item });
    out.push({ ref: { kind: 'object', id: missingId(prefix), org: null, links: [] }, label: 'missing id' });
    out.push({ ref: { kind: 'object', id: WRONG_SHAPE_ID, org: null, links: [], wrongShape: true }, label: 'wrong-shape id' });
    const first = mine[list][0];
    if (first) out.push({ ref: { kind: 'object', id: `${first.id} `, org: null, links: [] }, label: 'real id + trailing space' });
    out.push({ ref: { kind: 'object', id: `${prefix}${'9'.repeat(400)}`, org: null, links: [] }, label: 'a 400-character id' });
    return out;
  }
  return pairsFor(ctx, key).map((p) => ({ ref: p.ref, label: p.label }));
}

/** Transfer pairs and amounts probing a key's MANUAL_TRANSFER entries (C-PERM-6). */
function pairsFor(ctx: Ctx, key: KeySpec): Array<{ ref: ResourceRef & { kind: 'pair' }; label: string }> {
  const mine = orgOf(ctx, key.org)!;
  const src = mine.accounts.filter((a) => a.can_be_source === true && a.can_be_destination === true);
  if (src.length < 2) {
    ctx.notGenerated.push(`createTransfer for ${key.id}: organization ${key.org} has fewer than two accounts that can be both source and destination`);
    return [];
  }
  const ref = (s: string, t: string, amount: number) => ({
    kind: 'pair' as const,
    source: { id: s, org: ownerOf(ctx, s) },
    target: { id: t, org: ownerOf(ctx, t) },
    amount,
  });
  const out: Array<{ ref: ResourceRef & { kind: 'pair' }; label: string }> = [];
  const push = (s: string, t: string, amount: number, why: string) => {
    if (s === t || amount < 1) return;
    out.push({ ref: ref(s, t, amount), label: `${s} -> ${t} ${amount}c (${why})` });
  };
  const pairs = key.permissions.filter((p) => p.scope === 'MANUAL_TRANSFER').flatMap((p) => (p.resources ?? []) as TransferPair[]);
  const concrete = (id: string, avoid: string) => (id === '*' ? src.find((a) => a.id !== avoid)?.id ?? src[0]!.id : id);
  for (const p of pairs) {
    const s = concrete(p.source, p.target);
    const t = concrete(p.target, s);
    if (p.max_amount !== undefined) {
      const m = p.max_amount;
      push(s, t, m, 'at max_amount');
      push(s, t, m + 1, 'max_amount + 1');
      push(s, t, m - 1, 'max_amount - 1');
      for (const a of fc.sample(fc.integer({ min: 1, max: Math.max(2, m * 2) }), { seed: ctx.opts.seed ^ m, numRuns: 2 })) push(s, t, a, 'sampled');
    } else push(s, t, 1000, 'no max_amount');
    push(s, t, 1, 'one cent');
    push(t, s, 100, 'reversed');
    if (p.source === '*') push(src.find((a) => a.id !== s && a.id !== t)?.id ?? s, t, 100, 'other source under *');
    if (p.target === '*') push(s, src.find((a) => a.id !== s && a.id !== t)?.id ?? t, 100, 'other target under *');
  }
  push(src[0]!.id, src[1]!.id, 100, 'plain pair');
  push(src[1]!.id, src[0]!.id, 100, 'plain pair reversed');
  const foreign = ctx.inv.orgs.find((o) => o.org !== key.org)?.accounts.find((a) => a.can_be_source === true);
  if (foreign) {
    push(src[0]!.id, foreign.id, 100, 'destination in another org');
    push(foreign.id, src[0]!.id, 100, 'source in another org');
  }
  push(src[0]!.id, missingId('acc_'), 100, 'missing destination');
  push(missingId('acc_'), src[0]!.id, 100, 'missing source');
  return out;
}

/** The request for `op` on a resource, before any defect. */
function baseRequest(op: Operation, ref: ResourceRef): RequestSpec {
  const perm = op.permission;
  let path = op.path;
  const query: Array<[string, string]> = [];
  let body: unknown;
  if (ref.kind === 'id') {
    const loc = perm.locator as ParamLocator;
    if (loc.in === 'path') path = path.replace(`{${loc.name}}`, encodeURIComponent(ref.ref.id));
    else query.push([loc.name, ref.ref.id]);
  } else if (ref.kind === 'object') {
    path = path.replace(`{${(perm.locator as ObjectLocator).param}}`, encodeURIComponent(ref.id));
  } else if (ref.kind === 'pair') {
    body = { source_account_id: ref.source.id, destination_account_id: ref.target.id, amount_in_cents: ref.amount, description: 'conformance' };
  }
  if (op.effect?.creates === 'rule_execution') body = {};
  return { method: op.method.toUpperCase() as 'GET' | 'POST', path, query, headers: {}, ...(body !== undefined ? { body } : {}) };
}

function permissionCells(ctx: Ctx, op: Operation, key: KeySpec): void {
  const family: Family = 'permissions';
  for (const r of resourcesFor(ctx, op, key)) {
    const fam: Family = r.label.includes('(org ') ? 'org' : family;
    add(ctx, fam, op, key, r.ref, r.label, { credential: 'key' }, 'plain', baseRequest(op, r.ref));
    if (op.effect?.creates === 'rule_execution' && r.ref.kind === 'id' && r.item) {
      const req = baseRequest(op, r.ref);
      add(ctx, fam, op, key, r.ref, r.label, { credential: 'key', manualAmount: true }, 'manual_execute_amount', { ...req, body: { manual_execute_amount: 500 } });
    }
  }
}

/** A reachable resource of `op` for the discovery key of `org`, to build well-formed requests. */
function probeResource(ctx: Ctx, op: Operation, key: KeySpec): { ref: ResourceRef; label: string } | undefined {
  const all = resourcesFor(ctx, op, key);
  return all.find((r) => expectOutcome(op, key, r.ref, { credential: 'key' }).status < 300) ?? all[0];
}

function credentialCells(ctx: Ctx, op: Operation): void {
  const key = fullKey(ctx);
  if (!key) {
    ctx.notGenerated.push(`${op.operationId}: authentication cells need a key that sees everything`);
    return;
  }
  const probe = probeResource(ctx, op, key);
  if (!probe) return;
  const req = baseRequest(op, probe.ref);
  const kinds: CredentialKind[] = ['none', 'empty', 'bearer', 'basic', 'unknown', 'suffixed', 'truncated'];
  const carriesSecret = new Set<CredentialKind>(['bearer', 'basic', 'suffixed', 'truncated']);
  for (const c of kinds) add(ctx, 'authn', op, null, probe.ref, probe.label, { credential: c }, `credential ${c}`, req, carriesSecret.has(c) ? key.id : undefined);
  for (const k of ctx.keys.filter((x) => x.revoked)) add(ctx, 'authn', op, k, probe.ref, probe.label, { credential: 'key' }, 'revoked key', req);
  if (expectOutcome(op, key, probe.ref, { credential: 'key' }).status < 300 && !op.effect)
    add(ctx, 'authn', op, key, probe.ref, probe.label, { credential: 'lowercase' }, 'lowercase scheme', req);
  // C-AUTH-3: authentication wins over a malformed request.
  const d = defectsFor(op)[0];
  if (d) add(ctx, 'authn', op, null, probe.ref, probe.label, { credential: 'none', defect: d.defect }, `credential none + ${d.defect.name}`, d.apply(req));
}

interface DefectSpec {
  defect: Defect;
  apply: (r: RequestSpec) => RequestSpec;
}

/** Malformed variants of an operation's requests, read from its parameters and body (C-VAL). */
export function defectsFor(op: Operation): DefectSpec[] {
  const out: DefectSpec[] = [];
  const d = (name: string, clause: string, apply: DefectSpec['apply']) => out.push({ defect: { name, clause }, apply });
  const setQ = (r: RequestSpec, name: string, value: string | null): RequestSpec => ({
    ...r,
    query: [...r.query.filter(([k]) => k !== name), ...(value === null ? [] : [[name, value] as [string, string]])],
  });
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const s = p.schema as { enum?: unknown[]; type?: unknown; format?: string; maximum?: number };
    if (p.required) {
      d(`missing_${p.name}`, 'C-VAL-1', (r) => setQ(r, p.name, null));
      d(`empty_${p.name}`, 'C-VAL-1', (r) => setQ(r, p.name, ''));
    }
    if (Array.isArray(s.enum)) {
      d(`bad_enum_${p.name}`, 'C-VAL-2', (r) => setQ(r, p.name, 'not_a_value'));
      const upper = String(s.enum[0]).toUpperCase();
      if (!s.enum.includes(upper)) d(`bad_enum_case_${p.name}`, 'C-VAL-2', (r) => setQ(r, p.name, upper));
    }
    if (p.name === 'first')
      for (const [n, v] of [['0', '0'], ['101', '101'], ['abc', 'abc'], ['fraction', '1.5'], ['plus', '+5'], ['negative', '-1'], ['exponent', '1e1']] as const)
        d(`first_${n}`, 'C-VAL-2', (r) => setQ(r, 'first', v));
    if (p.name === 'after') {
      d('after_empty', 'C-VAL-2', (r) => setQ(r, 'after', ''));
      d('after_forged', 'C-VAL-2', (r) => setQ(r, 'after', 'not-a-cursor-issued-by-the-server'));
    }
    if (s.format === 'date-time') {
      d(`${p.name}_not_a_date`, 'C-VAL-2', (r) => setQ(r, p.name, 'yesterday'));
      d(`${p.name}_impossible_date`, 'C-VAL-2', (r) => setQ(r, p.name, '2024-02-30T10:00:00Z'));
    }
  }
  const body = (r: RequestSpec, patch: Record<string, unknown>, drop: string[] = []): RequestSpec => {
    const b = { ...(r.body as Record<string, unknown>), ...patch };
    for (const k of drop) delete b[k];
    return { ...r, body: b };
  };
  const raw = (r: RequestSpec, text: string): RequestSpec => {
    const { body: _b, ...rest } = r;
    return { ...rest, rawBody: text };
  };
  const loc = op.permission.locator;
  if (loc?.in === 'body') {
    const { source, target, amount } = loc;
    d('body_not_json', 'C-VAL-3', (r) => raw(r, '{"source_account_id":'));
    d('body_array', 'C-VAL-3', (r) => raw(r, '[]'));
    d('body_string', 'C-VAL-3', (r) => raw(r, '"transfer"'));
    d('body_null', 'C-VAL-3', (r) => raw(r, 'null'));
    d(`missing_${source}`, 'C-VAL-3', (r) => body(r, {}, [source]));
    d(`missing_${target}`, 'C-VAL-3', (r) => body(r, {}, [target]));
    d(`missing_${amount}`, 'C-VAL-3', (r) => body(r, {}, [amount]));
    d(`${source}_number`, 'C-VAL-3', (r) => body(r, { [source]: 12345 }));
    d(`${target}_null`, 'C-VAL-3', (r) => body(r, { [target]: null }));
    d(`${amount}_zero`, 'C-VAL-3', (r) => body(r, { [amount]: 0 }));
    d(`${amount}_negative`, 'C-VAL-3', (r) => body(r, { [amount]: -100 }));
    d(`${amount}_fraction`, 'C-VAL-3', (r) => body(r, { [amount]: 10.5 }));
    d(`${amount}_string`, 'C-VAL-3', (r) => body(r, { [amount]: '100' }));
    d('description_number', 'C-VAL-3', (r) => body(r, { description: 42 }));
    d('description_256_chars', 'C-VAL-3', (r) => body(r, { description: 'd'.repeat(256) }));
    d('same_source_and_destination', 'C-VAL-3', (r) => body(r, { [target]: (r.body as Record<string, unknown>)[source] }));
  }
  if (op.effect?.creates === 'rule_execution') {
    d('body_not_json', 'C-VAL-4', (r) => raw(r, '{"manual_execute_amount":'));
    d('body_array', 'C-VAL-4', (r) => raw(r, '[]'));
    d('body_string', 'C-VAL-4', (r) => raw(r, '"go"'));
    d('body_null', 'C-VAL-4', (r) => raw(r, 'null'));
    d('manual_execute_amount_zero', 'C-VAL-4', (r) => body(r, { manual_execute_amount: 0 }));
    d('manual_execute_amount_fraction', 'C-VAL-4', (r) => body(r, { manual_execute_amount: 2.5 }));
    d('manual_execute_amount_string', 'C-VAL-4', (r) => body(r, { manual_execute_amount: '500' }));
  }
  return out;
}

/** Well-formed edge variants that must be accepted (the other side of each C-VAL boundary), with the clause each tests. */
function acceptedEdges(op: Operation): Array<{ name: string; clause: string; apply: (r: RequestSpec) => RequestSpec }> {
  const out: Array<{ name: string; clause: string; apply: (r: RequestSpec) => RequestSpec }> = [];
  const has = (n: string) => op.parameters.some((p) => p.in === 'query' && p.name === n);
  const q = (name: string, v: string) => (r: RequestSpec): RequestSpec => ({ ...r, query: [...r.query, [name, v]] });
  if (has('first'))
    out.push(
      { name: 'first_1', clause: 'C-VAL-2', apply: q('first', '1') },
      { name: 'first_100', clause: 'C-VAL-2', apply: q('first', '100') },
      { name: 'first_leading_zero', clause: 'C-VAL-2', apply: q('first', '05') },
    );
  if (has('from'))
    out.push(
      { name: 'from_rfc3339_offset', clause: 'C-VAL-2', apply: q('from', '2000-01-01T00:00:00+02:00') },
      { name: 'from_fractional_seconds', clause: 'C-VAL-2', apply: q('from', '2000-01-15T10:00:00.000Z') },
    );
  if (has('to')) out.push({ name: 'to_rfc3339_z', clause: 'C-VAL-2', apply: q('to', '2999-12-31T23:59:59Z') });
  const loc = op.permission.locator;
  const setBody = (patch: Record<string, unknown>) => (r: RequestSpec): RequestSpec => ({ ...r, body: { ...(r.body as object), ...patch } });
  if (loc?.in === 'body') {
    out.push({ name: 'amount_one_cent', clause: 'C-VAL-3', apply: setBody({ [loc.amount]: 1 }) });
    out.push({ name: 'description_255_chars', clause: 'C-VAL-3', apply: setBody({ description: 'é'.repeat(255) }) });
    out.push({ name: 'description_null', clause: 'C-VAL-3', apply: setBody({ description: null }) });
  }
  if (op.effect?.creates === 'rule_execution') {
    out.push({ name: 'manual_execute_amount_null', clause: 'C-VAL-4', apply: setBody({ manual_execute_amount: null }) });
    out.push({ name: 'empty_body', clause: 'C-VAL-4', apply: (r) => { const { body: _b, ...rest } = r; return rest; } });
  }
  return out;
}

function validationCells(ctx: Ctx, op: Operation, key: KeySpec): void {
  const defects = defectsFor(op);
  const edges = acceptedEdges(op);
  if (!defects.length && !edges.length) return;
  const resources = resourcesFor(ctx, op, key);
  const allowed = resources.find((r) => expectOutcome(op, key, r.ref, { credential: 'key' }).status < 300);
  const denied = resources.find((r) => expectOutcome(op, key, r.ref, { credential: 'key' }).status === 403);
  for (const r of [allowed, denied]) {
    if (!r) continue;
    const req = baseRequest(op, r.ref);
    for (const d of defects) add(ctx, 'validation', op, key, r.ref, r.label, { credential: 'key', defect: d.defect }, d.defect.name, d.apply(req));
  }
  if (allowed) {
    const req = baseRequest(op, allowed.ref);
    for (const e of edges) add(ctx, 'validation', op, key, allowed.ref, allowed.label, { credential: 'key', edge: { name: e.name, clause: e.clause } }, e.name, e.apply(req));
  }
}

/** X-Request-ID values of C-REQID-1 (valid) and C-REQID-4 (invalid). */
export function requestIdVariants(seed: number): Array<{ name: string; value: string; invalid: boolean }> {
  const visible = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));
  const sampled = fc.sample(fc.string({ unit: fc.constantFrom(...visible), minLength: 1, maxLength: 128 }), { seed, numRuns: 3 });
  const values = [
    { name: 'typical', value: 'conformance-3f2a9c1e' },
    { name: 'one_char', value: 'x' },
    { name: 'max_128', value: 'r'.repeat(128) },
    { name: 'punctuation', value: visible.filter((c) => !/[A-Za-z0-9]/.test(c)).join('') },
    { name: 'digits_letters', value: 'AZaz09' },
    ...sampled.map((v, i) => ({ name: `sampled_${i}`, value: v })),
    { name: 'empty', value: '' },
    { name: 'too_long_129', value: 'r'.repeat(129) },
    { name: 'inner_space', value: 'has space' },
    { name: 'tab', value: 'has\ttab' },
  ];
  return values.map((v) => ({ ...v, invalid: !isValidRequestId(v.value) }));
}

function requestIdCells(ctx: Ctx, op: Operation): void {
  const key = fullKey(ctx);
  if (!key) return;
  const probe = probeResource(ctx, op, key);
  if (!probe) return;
  const base = baseRequest(op, probe.ref);
  const variants = requestIdVariants(ctx.opts.seed);
  const withId = (r: RequestSpec, v: string): RequestSpec => ({ ...r, headers: { ...r.headers, 'X-Request-ID': v } });
  const ok = !op.effect;
  for (const v of variants) {
    if (ok) add(ctx, 'request_id', op, key, probe.ref, probe.label, { credential: 'key', requestId: v.value }, `x-request-id ${v.name}`, withId(base, v.value));
    // C-REQID-1: errors echo it too.
    if (v.name === 'typical' || v.name === 'punctuation' || v.invalid)
      add(ctx, 'request_id', op, null, probe.ref, probe.label, { credential: 'none', requestId: v.value }, `x-request-id ${v.name} on 401`, withId(base, v.value));
  }
  // C-REQID-1 on a 400 and on a 404 too.
  const d = defectsFor(op)[0];
  if (d) add(ctx, 'request_id', op, key, probe.ref, probe.label, { credential: 'key', defect: d.defect, requestId: 'conformance-400' }, `x-request-id typical on 400 (${d.defect.name})`, withId(d.apply(base), 'conformance-400'));
  const missing = resourcesFor(ctx, op, key).find((r) => r.label === 'missing id');
  if (missing) add(ctx, 'request_id', op, key, missing.ref, missing.label, { credential: 'key', requestId: 'conformance-404' }, 'x-request-id typical on 404', withId(baseRequest(op, missing.ref), 'conformance-404'));
  const nokey = ctx.keys.find((k) => !k.revoked && !k.permissions.some((p) => p.scope === op.permission.scope) && orgOf(ctx, k.org));
  if (nokey) add(ctx, 'request_id', op, nokey, probe.ref, probe.label, { credential: 'key', requestId: 'conformance-403' }, 'x-request-id typical on 403', withId(base, 'conformance-403'));
}

function listCells(ctx: Ctx, op: Operation): void {
  const xl = op.list;
  if (!xl) return;
  for (const o of ctx.inv.orgs) {
    const key = ctx.keys.find((k) => k.id === o.keyId);
    if (!key) continue;
    const ms = xl.membership;
    const values: Array<{ ref: ResourceRef; label: string; value: string | null }> = [];
    if (!ms) values.push({ ref: { kind: 'none' }, label: '-', value: null });
    else
      for (const r of resourcesFor(ctx, op, key).filter((x) => (x.ref.kind === 'id' || x.ref.kind === 'object') && expectOutcome(op, key, x.ref, { credential: 'key' }).status === 200))
        values.push({ ref: r.ref, label: r.label, value: r.ref.kind === 'id' ? r.ref.ref.id : r.ref.kind === 'object' ? r.ref.id : null });
    for (const v of values.slice(0, 6)) {
      const base = baseRequest(op, v.ref);
      const roles = ms?.role ? Object.keys(ms.role.fields) : [null];
      for (const role of roles) {
        const withRole: RequestSpec = role && ms?.role ? { ...base, query: [...base.query, [ms.role.param, role]] } : base;
        add(ctx, 'lists', op, key, v.ref, v.label, { credential: 'key' }, `list${role ? ` role=${role}` : ''}`, withRole);
        if (role && role !== (ms?.role?.default ?? '')) continue;
        for (const f of xl.filters) {
          const p = op.parameters.find((x) => x.name === f.param);
          const vals = filterValues(ctx, o, op, f.field, (p?.schema ?? {}) as { enum?: unknown[]; format?: string });
          for (const val of vals) {
            const req: RequestSpec = { ...withRole, query: [...withRole.query, [f.param, val]] };
            add(ctx, 'lists', op, key, v.ref, v.label, { credential: 'key' }, `filter ${f.param}=${val}`, req);
          }
        }
      }
    }
  }
}

/** Values to send for one filter: every enum value, a boundary date, or values the list's own items hold plus one none holds. */
function filterValues(ctx: Ctx, o: OrgInventory, op: Operation, field: string, schema: { enum?: unknown[]; format?: string }): string[] {
  if (Array.isArray(schema.enum)) return schema.enum.map(String);
  const items = itemsOf(ctx, o, op);
  if (schema.format === 'date-time') {
    const times = items.map((i) => i.created_at).filter((t): t is string => typeof t === 'string').sort();
    const mid = times[Math.floor(times.length / 2)];
    return mid ? [mid] : [];
  }
  const held = [...new Set(items.map((i) => fieldAt(i, field)).filter((v): v is string => typeof v === 'string'))].slice(0, 2);
  return [...held, 'seqconform-no-such-value'];
}

function buildScenarios(ctx: Ctx): Scenario[] {
  const out: Scenario[] = [];
  const c = ctx.contract;
  for (const o of ctx.inv.orgs) {
    const key = ctx.keys.find((k) => k.id === o.keyId);
    if (!key) continue;
    for (const op of c.operations.filter((x) => x.list?.paged)) {
      const resources = resourcesFor(ctx, op, key).filter((r) => (r.ref.kind === 'id' || r.ref.kind === 'object') && (r.ref.kind === 'id' ? r.ref.ref.org : r.ref.org) === key.org);
      const byValue = membersByValue(ctx, o, op);
      const counts = new Map([...byValue].map(([v, items]) => [v, items.length]));
      const count = (r: { ref: ResourceRef }) => counts.get(r.ref.kind === 'id' ? r.ref.ref.id : r.ref.kind === 'object' ? r.ref.id : '') ?? 0;
      const busiest = [...resources].sort((a, b) => count(b) - count(a)).slice(0, 2);
      if (busiest[0]) filteredWalks(ctx, o, op, key, busiest[0].ref, out);
      const sizes = [1, 10, ...fc.sample(fc.integer({ min: 2, max: 100 }), { seed: ctx.opts.seed, numRuns: 1 })];
      // Every member value is walked once with first=100 (exact membership, C-LIST-2); the busiest also page by page.
      for (const r of resources) {
        const req = baseRequest(op, r.ref);
        const value = r.ref.kind === 'id' ? r.ref.ref.id : (r.ref as { id: string }).id;
        const items = byValue.get(value) ?? [];
        for (const first of busiest.includes(r) ? [...sizes, 100] : [100]) {
          const content = { kind: 'page_walk', op: op.operationId, key: key.id, path: req.path, query: req.query, first };
          out.push({ id: contentId('s', content), kind: 'page_walk', operationId: op.operationId, keyId: key.id, path: req.path, query: req.query, first, expectedIds: items.map((i) => i.id).sort(), clause: 'C-LIST-3' });
        }
      }
      const other = c.operations.find((x) => x.list?.paged && x.operationId !== op.operationId);
      const r0 = busiest[0];
      const otherCounts = other ? memberCounts(ctx, o, other) : new Map<string, number>();
      const rOther = other ? resourcesFor(ctx, other, key).find((r) => (r.ref.kind === 'id' || r.ref.kind === 'object') && (r.ref.kind === 'id' ? r.ref.ref.org : r.ref.org) === key.org && (otherCounts.get(r.ref.kind === 'id' ? r.ref.ref.id : r.ref.id) ?? 0) > 1) : undefined;
      if (other && r0 && rOther) {
        const a = baseRequest(op, r0.ref);
        const b = baseRequest(other, rOther.ref);
        const content = { kind: 'foreign_cursor', op: op.operationId, from: other.operationId, key: key.id };
        out.push({ id: contentId('s', content), kind: 'foreign_cursor', operationId: op.operationId, fromOperationId: other.operationId, keyId: key.id, path: a.path, query: a.query, fromPath: b.path, fromQuery: b.query, clause: 'C-VAL-2' });
      }
    }
  }
  stateScenarios(ctx, out);
  return out;
}

function itemsOf(ctx: Ctx, o: OrgInventory, op: Operation): Item[] {
  const kind = listItemKind(ctx.contract, op);
  return kind ? o[KIND_LISTS[kind]!] : [];
}

/** Filtered walks (C-LIST-1, C-LIST-2 and the inclusive bounds of C-LIST-3): each value of each filter. */
function filteredWalks(ctx: Ctx, o: OrgInventory, op: Operation, key: KeySpec, ref: ResourceRef, out: Scenario[]): void {
  const xl = op.list!;
  const ms = xl.membership!;
  const value = ref.kind === 'id' ? ref.ref.id : ref.kind === 'object' ? ref.id : '';
  const base = baseRequest(op, ref);
  const items = itemsOf(ctx, o, op).filter((i) => ms.fields.some((f) => fieldAt(i, f) === value));
  const kind = listItemKind(ctx.contract, op);
  const getOp = kind ? ctx.contract.resourceKinds[kind].get : undefined;
  const recheck = getOp ? ctx.contract.byId.get(getOp)?.path : undefined;
  const variants: Array<Array<[string, string]>> = [];
  const enumOf = (param: string) => (op.parameters.find((x) => x.name === param)?.schema as { enum?: unknown[] } | undefined)?.enum;
  const firstEnum = xl.filters.find((f) => Array.isArray(enumOf(f.param)) && !f.mutable);
  if (ms.role)
    for (const r of Object.keys(ms.role.fields)) {
      if (r === ms.role.default) continue;
      variants.push([[ms.role.param, r]]);
      // A role narrows, it does not replace the other filters.
      if (firstEnum) for (const v of enumOf(firstEnum.param)!) variants.push([[ms.role.param, r], [firstEnum.param, String(v)]]);
    }
  for (const f of xl.filters) {
    const en = enumOf(f.param);
    if (Array.isArray(en)) for (const v of en) variants.push([[f.param, String(v)]]);
    else if (f.op !== 'eq') {
      const times = items.map((i) => String(i.created_at)).sort();
      const mid = times[Math.floor(times.length / 2)];
      if (mid) {
        variants.push([[f.param, mid]]);
        // The same instant written with another offset (RFC 3339): the bound is a time, not a string.
        if (!Number.isNaN(Date.parse(mid))) variants.push([[f.param, new Date(Date.parse(mid) + 2 * 3600_000).toISOString().replace(/Z$/, '+02:00')]]);
      }
    }
  }
  for (const extra of variants) {
    const query = [...base.query, ...extra];
    const expectedIds = items.filter((i) => listMiss(op, { path: base.path, query }, i) === null).map((i) => i.id).sort();
    const content = { kind: 'page_walk', op: op.operationId, key: key.id, path: base.path, query, first: 100 };
    out.push({ id: contentId('s', content), kind: 'page_walk', operationId: op.operationId, keyId: key.id, path: base.path, query, first: 100, expectedIds, ...(recheck ? { recheck } : {}), clause: 'C-LIST-1' });
  }
}

/** The items of a paged list under each membership value (one pass over the items). */
function membersByValue(ctx: Ctx, o: OrgInventory, op: Operation): Map<string, Item[]> {
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
function memberCounts(ctx: Ctx, o: OrgInventory, op: Operation): Map<string, number> {
  return new Map([...membersByValue(ctx, o, op)].map(([v, items]) => [v, items.length]));
}

function stateScenarios(ctx: Ctx, out: Scenario[]): void {
  const main = ctx.inv.orgs[0];
  if (!main) return;
  const full = ctx.keys.find((k) => k.id === main.keyId);
  if (!full) return;
  const readers = ctx.keys.filter((k) => !k.revoked && orgOf(ctx, k.org)).map((k) => k.id);
  const src = main.accounts.filter((a) => a.can_be_source === true && a.can_be_destination === true);
  const create = ctx.contract.operations.find((o) => o.effect?.creates === 'transfer');
  const trigger = ctx.contract.operations.find((o) => o.effect?.creates === 'rule_execution');
  if (create && src.length >= 2) {
    // One transfer of each direction the contract names (C-STATE-1): internal, money_in, money_out.
    const inner = src.filter((a) => a.type !== 'external_account');
    const ext = src.find((a) => a.type === 'external_account');
    const pairs: Array<[Item, Item]> = inner.length >= 2 ? [[inner[0]!, inner[1]!]] : [[src[0]!, src[1]!]];
    if (ext && inner[0]) pairs.push([ext, inner[0]], [inner[0], ext]);
    for (const [a, b] of pairs) {
      const body = { source_account_id: a.id, destination_account_id: b.id, amount_in_cents: 1234, description: 'conformance readback' };
      out.push({ id: contentId('s', { kind: 'create_readback', key: full.id, body }), kind: 'create_readback', operationId: create.operationId, path: create.path, keyId: full.id, body, readers, clause: 'C-STATE-1' });
    }
    const rbody = { source_account_id: src[1]!.id, destination_account_id: src[0]!.id, amount_in_cents: 77, description: 'conformance replay' };
    const pairRef: ResourceRef = { kind: 'pair', source: { id: src[1]!.id, org: main.org }, target: { id: src[0]!.id, org: main.org }, amount: 1_000_000 };
    const other = ctx.keys.find((k) => k.id !== full.id && !k.revoked && k.org === full.org && expectOutcome(create, k, pairRef, { credential: 'key' }).status === 201);
    out.push({
      id: contentId('s', { kind: 'replay', op: create.operationId, key: full.id, rbody }),
      kind: 'idempotent_replay',
      operationId: create.operationId,
      keyId: full.id,
      otherKeyId: other?.id ?? null,
      path: create.path,
      otherPath: null,
      body: rbody,
      conflictBody: { ...rbody, description: 'conformance replay, changed' },
      clause: 'C-STATE-4',
    });
  }
  // A MANUAL rule first: only there does a different manual_execute_amount pass validation and reach the conflict (C-VAL-4).
  const enabled = main.rules.filter((r) => r.status === 'enabled').sort((a, b) => Number(b.trigger_type === 'MANUAL') - Number(a.trigger_type === 'MANUAL'));
  const enabledRule = enabled[0];
  if (trigger && enabledRule) {
    out.push({ id: contentId('s', { kind: 'trigger_poll', key: full.id, rule: enabledRule.id }), kind: 'trigger_poll', operationId: trigger.operationId, path: trigger.path.replace('{id}', encodeURIComponent(enabledRule.id)), keyId: full.id, ruleId: enabledRule.id, readers, clause: 'C-STATE-2' });
    const path = trigger.path.replace('{id}', encodeURIComponent(enabledRule.id));
    const otherRule = enabled[1];
    out.push({
      id: contentId('s', { kind: 'replay', op: trigger.operationId, key: full.id, path }),
      kind: 'idempotent_replay',
      operationId: trigger.operationId,
      keyId: full.id,
      otherKeyId: null,
      path,
      otherPath: otherRule ? trigger.path.replace('{id}', encodeURIComponent(otherRule.id)) : null,
      body: {},
      conflictBody: enabledRule.trigger_type === 'MANUAL' ? { manual_execute_amount: 700 } : null,
      clause: 'C-STATE-4',
    });
  }
  // C-PERM-7: denied writes, read back by the discovery key before and after.
  for (const key of ctx.keys.filter((k) => !k.revoked && k.org === main.org)) {
    if (create && src.length >= 2) {
      const candidates = pairsFor(ctx, key);
      const status = (p: (typeof candidates)[number]) => expectOutcome(create, key, p.ref, { credential: 'key' }).status;
      const allowed = candidates.find((p) => status(p) === 201);
      for (const p of candidates.filter((x) => status(x) === 403).slice(0, 1)) {
        const body = { source_account_id: p.ref.source.id, destination_account_id: p.ref.target.id, amount_in_cents: p.ref.amount };
        const watch = { path: '/transfers', query: [['account_id', p.ref.source.org === main.org ? p.ref.source.id : p.ref.target.id], ['first', '100']] as Array<[string, string]> };
        const followUp = allowed ? { source_account_id: allowed.ref.source.id, destination_account_id: allowed.ref.target.id, amount_in_cents: allowed.ref.amount } : undefined;
        out.push({ id: contentId('s', { kind: 'denied_write', key: key.id, body }), kind: 'denied_write', operationId: create.operationId, keyId: key.id, path: create.path, body, observerKeyId: full.id, watch, ...(followUp ? { followUp } : {}), clause: 'C-PERM-7' });
      }
    }
    if (trigger) {
      // A disabled rule first: nothing else starts executions on it, so its count is stable under concurrency.
      const rules = [...main.rules].sort((a, b) => Number(b.status === 'disabled') - Number(a.status === 'disabled'));
      const rule = rules.find((r) => expectOutcome(trigger, key, { kind: 'id', ref: { id: r.id, org: main.org, status: r.status as RuleRef['status'], trigger_type: r.trigger_type as RuleRef['trigger_type'] } }, { credential: 'key' }).status >= 400);
      if (rule) {
        const path = trigger.path.replace('{id}', encodeURIComponent(rule.id));
        const watch = { path: '/rule-executions', query: [['rule_id', rule.id], ['first', '100']] as Array<[string, string]> };
        out.push({ id: contentId('s', { kind: 'denied_write', key: key.id, path }), kind: 'denied_write', operationId: trigger.operationId, keyId: key.id, path, body: {}, observerKeyId: full.id, watch, clause: 'C-PERM-7' });
      }
    }
  }
}
