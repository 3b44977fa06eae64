/**
 * Scenario steps: multi-request checks (page walks, create-then-read, trigger-then-poll,
 * idempotent replays, denied writes, foreign cursors). Allow/deny at each step comes from the
 * oracle; this file only sequences requests and compares answers.
 */
import type { RequestSpec, ResourceRef } from '../generators/case-types.ts';
import { fieldAt, type Item } from '../generators/inventory.ts';
import { listMiss } from '../generators/list-match.ts';
import type { Scenario } from '../generators/matrix.ts';
import { canonicalJson } from '../generators/matrix.ts';
import { expectOutcome } from '../generators/oracle.ts';
import type { OperationId } from '../openapi/types.ts';
import type { Violation } from './checks/index.ts';
import { errorCode } from './checks/status.ts';
import type { EngineContext } from './engine.ts';
import type { HttpResponse, Sender } from './transport.ts';

type Report = (check: string, vs: Violation[], req: RequestSpec, sender: Sender, extra?: Record<string, string>) => void;

const must = (clause: string, message: string, expected: unknown, actual: unknown): Violation => ({ clause, level: 'must', message, expected, actual });

const get = (path: string, query: Array<[string, string]> = []): RequestSpec => ({ method: 'GET', path, query, headers: {} });
const post = (path: string, body: unknown): RequestSpec => ({ method: 'POST', path, query: [], headers: {}, body });

/** Runs the steps of `s`, reporting violations as they are found. */
export async function runScenarioSteps(ctx: EngineContext, s: Scenario, report: Report): Promise<void> {
  const send = (req: RequestSpec, keyId: string, extra?: Record<string, string>): Promise<HttpResponse> => ctx.transport.send(req, { credential: 'key', keyId }, extra);
  const sender = (keyId: string): Sender => ({ credential: 'key', keyId });
  switch (s.kind) {
    case 'page_walk':
      await pageWalk(ctx, s, send, report);
      return;
    case 'foreign_cursor': {
      const from = await send(get(s.fromPath, [...s.fromQuery, ['first', '1']]), s.keyId);
      const cursor = (from.json as { page_info?: { end_cursor?: unknown } } | undefined)?.page_info?.end_cursor;
      // The other list was chosen with more than one item, so a page of one must carry a cursor (C-LIST-3).
      if (typeof cursor !== 'string' || !cursor)
        report('foreign_cursor_rejected', [must('C-LIST-3', `${s.fromOperationId} gave no end_cursor on a full page of first=1 (${from.status})`, 'an end_cursor', cursor ?? null)], get(s.fromPath, [...s.fromQuery, ['first', '1']]), sender(s.keyId));
      else {
        const req = get(s.path, [...s.query, ['after', cursor]]);
        const res = await send(req, s.keyId);
        if (res.status !== 400 || errorCode(res.json) !== 'invalid_request')
          report('foreign_cursor_rejected', [must('C-VAL-2', `a cursor issued by ${s.fromOperationId} was accepted by ${s.operationId} (${res.status})`, 400, res.status)], req, sender(s.keyId));
      }
      return;
    }
    case 'create_readback':
      await createReadback(ctx, s, send, report);
      return;
    case 'trigger_poll':
      await triggerPoll(ctx, s, send, report);
      return;
    case 'idempotent_replay':
      await replay(ctx, s, send, report);
      return;
    case 'denied_write':
      await deniedWrite(ctx, s, send, report);
      return;
  }
}

type Send = (req: RequestSpec, keyId: string, extra?: Record<string, string>) => Promise<HttpResponse>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function dataOf(res: HttpResponse): Record<string, unknown> | undefined {
  const d = isObject(res.json) ? res.json.data : undefined;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
}

function itemsOf(res: HttpResponse): Item[] {
  const d = isObject(res.json) ? res.json.data : undefined;
  return Array.isArray(d) ? (d.filter(isObject) as Item[]) : [];
}

async function pageWalk(ctx: EngineContext, s: Extract<Scenario, { kind: 'page_walk' }>, send: Send, report: Report): Promise<void> {
  const seen = new Map<string, Item>();
  const dupes: string[] = [];
  const problems: Array<{ clause: string; text: string }> = [];
  const cursors = new Set<string>();
  let after: string | undefined;
  let last: Item | undefined;
  let lastReq: RequestSpec = get(s.path, s.query);
  const limit = Math.ceil(((s.expectedIds?.length ?? 0) + 200) / s.first) + 2;
  let pages = 0;
  for (let page = 0; page < limit; page++) {
    pages = page + 1;
    lastReq = get(s.path, [...s.query, ['first', String(s.first)], ...(after ? ([['after', after]] as Array<[string, string]>) : [])]);
    const res = await send(lastReq, s.keyId);
    if (res.status !== 200) {
      problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} answered ${res.status}` });
      break;
    }
    if (!isObject(res.json) || !Array.isArray(res.json.data)) {
      problems.push({ clause: 'C-BODY-1', text: `page ${page + 1} answered 200 with ${res.json === undefined ? 'a body that is not JSON' : `${JSON.stringify(res.json)?.slice(0, 40)}`}, not a list` });
      break;
    }
    const items = itemsOf(res);
    const info = isObject(res.json.page_info) ? (res.json.page_info as { has_next_page?: unknown; end_cursor?: unknown }) : undefined;
    if (items.length > s.first) problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} holds ${items.length} items for first=${s.first}` });
    for (const it of items) {
      if (seen.has(it.id)) dupes.push(it.id);
      if (last && Date.parse(String(last.created_at)) < Date.parse(String(it.created_at))) problems.push({ clause: 'C-LIST-3', text: `${it.id} is newer than ${last.id} but comes after it` });
      seen.set(it.id, it);
      last = it;
    }
    if (!info || typeof info.has_next_page !== 'boolean') {
      problems.push({ clause: 'C-LIST-3', text: 'page_info.has_next_page is missing' });
      break;
    }
    if (items.length === 0 && info.end_cursor !== null) problems.push({ clause: 'C-LIST-3', text: 'end_cursor is not null on an empty page' });
    if (items.length === 0 && page > 0) problems.push({ clause: 'C-LIST-3', text: `page ${page} said has_next_page: true, but no item followed` });
    if (items.length > 0 && (typeof info.end_cursor !== 'string' || !info.end_cursor)) problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} has items but no end_cursor` });
    if (info.has_next_page && items.length === 0) problems.push({ clause: 'C-LIST-3', text: 'has_next_page is true on an empty page' });
    // "paged by first": a page that is not the last holds first items, not fewer (C-LIST-3).
    if (info.has_next_page && items.length > 0 && items.length < s.first) problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} holds ${items.length} items for first=${s.first} although has_next_page is true` });
    if (!info.has_next_page) {
      after = undefined;
      break;
    }
    if (typeof info.end_cursor !== 'string' || !info.end_cursor) break;
    after = info.end_cursor;
    if (cursors.has(after)) {
      problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} gave end_cursor ${JSON.stringify(after.slice(0, 40))} again: the walk would never end` });
      break;
    }
    cursors.add(after);
    if (page === limit - 1) problems.push({ clause: 'C-LIST-3', text: `more than ${limit} pages: the walk does not end` });
  }
  const vs: Violation[] = [];
  if (dupes.length) vs.push(must('C-LIST-3', `${dupes.length} item(s) returned twice while paging: ${dupes.slice(0, 3).join(', ')}`, 'each item once', dupes.slice(0, 10)));
  for (const p of problems) vs.push(must(p.clause, p.text, 'consistent pages', p.text));
  if (s.expectedIds) {
    let missing = s.expectedIds.filter((id) => !seen.has(id));
    if (missing.length && s.recheck) missing = await stillMatching(ctx, s, missing, send);
    // On one page a missing item breaks the list's membership (C-LIST-2); across pages, the walk (C-LIST-3).
    const clause = s.clause === 'C-LIST-1' ? 'C-LIST-1' : pages > 1 ? 'C-LIST-3' : 'C-LIST-2';
    if (missing.length) vs.push(must(clause, `walking every page missed ${missing.length} item(s): ${missing.slice(0, 3).join(', ')}`, `${s.expectedIds.length} items`, seen.size));
  }
  // What came back is judged as it is now, not as discovery saw it: items created or changed since belong if they match.
  const op = ctx.contract.byId.get(s.operationId)!;
  const misfits = [...seen.values()].map((i) => listMiss(op, s, i)).filter((m): m is string => m !== null);
  if (misfits.length) vs.push(must('C-LIST-1', `walking every page returned ${misfits.length} item(s) that do not match the request: ${misfits.slice(0, 3).join('; ')}`, 'only matching items', misfits.slice(0, 10)));
  const key = ctx.keys.get(s.keyId);
  const foreign = [...seen.values()].filter((i) => key && ctx.inventory.owners[i.id] !== undefined && ctx.inventory.owners[i.id] !== key.org);
  if (foreign.length) vs.push(must('C-ORG-2', `walking every page returned ${foreign.length} item(s) of another organization: ${foreign.slice(0, 3).map((i) => i.id).join(', ')}`, `only organization ${key!.org}`, foreign.slice(0, 10).map((i) => i.id)));
  if (vs.length) report('pages_walk_exact', vs, lastReq, { credential: 'key', keyId: s.keyId });
}

/**
 * Of the items a filtered walk missed, those that still satisfy the filters when read again: an
 * item whose status moved on since discovery is rightly absent from a status-filtered list.
 */
async function stillMatching(ctx: EngineContext, s: Extract<Scenario, { kind: 'page_walk' }>, missing: string[], send: Send): Promise<string[]> {
  const op = ctx.contract.byId.get(s.operationId)!;
  const out: string[] = [];
  for (const id of missing.slice(0, 50)) {
    const res = await send(get(s.recheck!.replace('{id}', encodeURIComponent(id))), s.keyId);
    const item = dataOf(res);
    if (res.status !== 200 || !item || listMiss(op, s, item as Item) === null) out.push(id);
  }
  return [...out, ...missing.slice(50)];
}

function accountType(ctx: EngineContext, id: string): string | undefined {
  for (const o of ctx.inventory.orgs) {
    const a = o.accounts.find((x) => x.id === id);
    if (a) return String(a.type);
  }
  return undefined;
}

/** Every reader reads the created object back (the write's `x-effect.readback`) and gets what the oracle says (C-STATE-1/2). */
async function readersAgree(ctx: EngineContext, writeOp: OperationId, id: string, org: string, links: string[], readers: string[], send: Send, clause: string, check: string, report: Report): Promise<void> {
  const readbackId = ctx.contract.byId.get(writeOp)!.effect!.readback;
  const op = ctx.contract.byId.get(readbackId)!;
  const path = readbackPath(ctx, writeOp, id);
  const ref: ResourceRef = { kind: 'object', id, org, links };
  for (const keyId of readers) {
    const key = ctx.keys.get(keyId);
    if (!key) continue;
    const want = expectOutcome(op, key, ref, { credential: 'key' });
    const req = get(path);
    const res = await send(req, keyId);
    // A refusal that should have come cites the refusal's clause; a read that should have worked, the state clause.
    if (res.status !== want.status)
      report(check, [must(want.status >= 400 ? want.clause : clause, `key ${keyId} reading ${path}: expected ${want.status} because ${want.because}; got ${res.status}`, want.status, res.status)], req, { credential: 'key', keyId });
  }
}

/** The path that reads back what `writeOp` created, from its `x-effect.readback` operation. */
function readbackPath(ctx: EngineContext, writeOp: OperationId, id: string): string {
  const read = ctx.contract.byId.get(ctx.contract.byId.get(writeOp)!.effect!.readback)!;
  const loc = read.permission.locator;
  const param = loc?.in === 'object' || loc?.in === 'path' ? (loc.in === 'object' ? loc.param : loc.name) : 'id';
  return read.path.replace(`{${param}}`, encodeURIComponent(id));
}

async function createReadback(ctx: EngineContext, s: Extract<Scenario, { kind: 'create_readback' }>, send: Send, report: Report): Promise<void> {
  const body: Record<string, unknown> = { ...s.body, amount_in_cents: uniqueAmount(ctx, 20_000, 80_000, s.id.length + Number.parseInt(s.id.slice(2, 6), 16)) };
  const req = post(s.path, body);
  const res = await send(req, s.keyId);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const data = dataOf(res);
  if (res.status !== 201 || !data || typeof data.id !== 'string') {
    report('created_transfer_readable', [must('C-STATE-1', `createTransfer answered ${res.status}, not 201 with a transfer`, 201, res.status)], req, sender);
    return;
  }
  const src = String(body.source_account_id);
  const dst = String(body.destination_account_id);
  const direction = accountType(ctx, src) === 'external_account' ? 'money_in' : accountType(ctx, dst) === 'external_account' ? 'money_out' : 'internal';
  const vs: Violation[] = [];
  const expectField = (path: string, ok: (v: unknown) => boolean, want: unknown) => {
    const v = fieldAt(data, path);
    if (!ok(v)) vs.push(must('C-STATE-1', `created transfer has ${path} ${JSON.stringify(v)}`, want, v ?? null));
  };
  expectField('status', (v) => v === 'processing' || v === 'pending_approval', 'processing|pending_approval');
  expectField('origin', (v) => v === 'user', 'user');
  expectField('direction', (v) => v === direction, direction);
  expectField('amount_in_cents', (v) => v === body.amount_in_cents, body.amount_in_cents);
  expectField('source.id', (v) => v === src, src);
  expectField('destination.id', (v) => v === dst, dst);
  const schema = ctx.validator.validate('createTransfer', 201, res.json);
  if (schema.errors.length) vs.push(must('C-BODY-1', `201 body does not match its schema: ${schema.errors.join('; ')}`, 'createTransfer 201 schema', schema.errors));
  if (vs.length) report('created_transfer_readable', vs, req, sender);
  const org = ctx.keys.get(s.keyId)!.org;
  await readersAgree(ctx, s.operationId, data.id, org, [src, dst], s.readers, send, 'C-STATE-1', 'created_transfer_readable', report);
  for (const account of [src, dst]) {
    const lreq = get('/transfers', [['account_id', account], ['first', '100']]);
    const lres = await send(lreq, s.keyId);
    if (!itemsOf(lres).some((i) => i.id === data.id))
      report('created_transfer_readable', [must('C-STATE-1', `listTransfers for ${account} does not include the new transfer ${data.id}`, data.id, itemsOf(lres).slice(0, 5).map((i) => i.id))], lreq, sender);
  }
}

async function triggerPoll(ctx: EngineContext, s: Extract<Scenario, { kind: 'trigger_poll' }>, send: Send, report: Report): Promise<void> {
  const req = post(s.path, {});
  const res = await send(req, s.keyId);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const id = dataOf(res)?.execution_id;
  if (res.status !== 202 || typeof id !== 'string' || !id.startsWith('rex_')) {
    report('triggered_execution_readable', [must('C-STATE-2', `triggerRule answered ${res.status} with execution_id ${JSON.stringify(id)}`, '202 with a rex_ execution_id', { status: res.status, execution_id: id ?? null })], req, sender);
    return;
  }
  const greq = get(readbackPath(ctx, s.operationId, id));
  const gres = await send(greq, s.keyId);
  const ex = dataOf(gres);
  const vs: Violation[] = [];
  if (gres.status !== 200 || !ex) vs.push(must('C-STATE-2', `the new execution ${id} answered ${gres.status}`, 200, gres.status));
  else {
    if (ex.rule_id !== s.ruleId) vs.push(must('C-STATE-2', `execution ${id} has rule_id ${String(ex.rule_id)}`, s.ruleId, ex.rule_id ?? null));
    if (ex.trigger_type !== 'manual') vs.push(must('C-STATE-2', `execution ${id} has trigger_type ${String(ex.trigger_type)}`, 'manual', ex.trigger_type ?? null));
    if (!['in_progress', 'executed', 'partial', 'failed'].includes(String(ex.status))) vs.push(must('C-STATE-2', `execution ${id} has status ${String(ex.status)}`, 'in_progress|executed|partial|failed', ex.status ?? null));
  }
  if (vs.length) report('triggered_execution_readable', vs, greq, sender);
  const org = ctx.keys.get(s.keyId)!.org;
  await readersAgree(ctx, s.operationId, id, org, [s.ruleId], s.readers, send, 'C-STATE-2', 'triggered_execution_readable', report);
  const lreq = get('/rule-executions', [['rule_id', s.ruleId], ['first', '100']]);
  const lres = await send(lreq, s.keyId);
  if (!itemsOf(lres).some((i) => i.id === id))
    report('triggered_execution_readable', [must('C-STATE-2', `listRuleExecutions for ${s.ruleId} does not include ${id}`, id, itemsOf(lres).slice(0, 5).map((i) => i.id))], lreq, sender);
}

/** The same JSON with its keys in reverse order and other white space (C-STATE-4 compares as JSON). */
function reshuffled(body: Record<string, unknown>): string {
  const rev = Object.fromEntries(Object.entries(body).reverse());
  return JSON.stringify(rev, null, 1);
}

/** Amounts from a range no other write of the matrix uses, so a transfer can be told apart by its amount. */
function uniqueAmount(ctx: EngineContext, lo: number, span: number, salt: number): number {
  return lo + ((Number.parseInt(ctx.runNonce.slice(0, 8), 16) + salt) % span);
}

async function replay(ctx: EngineContext, s: Extract<Scenario, { kind: 'idempotent_replay' }>, send: Send, report: Report): Promise<void> {
  const idem = `seqconform-${s.id}-${ctx.runNonce}`;
  const extra = { 'Idempotency-Key': idem };
  const isTransfer = s.operationId === 'createTransfer';
  const body: Record<string, unknown> = isTransfer ? { ...s.body, amount_in_cents: uniqueAmount(ctx, 100_000, 900_000, 1) } : s.body;
  const first = post(s.path, body);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const fail = (message: string, expected: unknown, actual: unknown, req: RequestSpec, who: Sender = sender) => report('idempotent_replay', [must('C-STATE-4', message, expected, actual)], req, who, extra);
  const r1 = await send(first, s.keyId, extra);
  const idField = isTransfer ? 'id' : 'execution_id';
  const id1 = dataOf(r1)?.[idField];
  if (r1.status < 200 || r1.status > 299 || typeof id1 !== 'string') {
    fail(`the first request answered ${r1.status}; the replay check needs a success`, '2xx', r1.status, first);
    return;
  }
  const again: RequestSpec = { method: 'POST', path: s.path, query: [], headers: {}, rawBody: reshuffled(body) };
  const r2 = await send(again, s.keyId, extra);
  const id2 = dataOf(r2)?.[idField];
  if (r2.status !== r1.status) fail(`the replay answered ${r2.status}, the original ${r1.status}`, r1.status, r2.status, again);
  else if (id2 !== id1) fail(`the replay returned ${idField} ${String(id2)}, the original ${id1}: the request acted twice`, id1, id2 ?? null, again);
  else if (canonicalJson(stable(dataOf(r1))) !== canonicalJson(stable(dataOf(r2)))) fail('the replay returned different data', dataOf(r1), dataOf(r2), again);

  if (isTransfer) {
    // Same id twice is not enough: the replay must not have made a second transfer either.
    const lreq = get('/transfers', [['account_id', String(body.source_account_id)], ['first', '100']]);
    const made = itemsOf(await send(lreq, s.keyId)).filter((i) => i.amount_in_cents === body.amount_in_cents && fieldAt(i, 'destination.id') === body.destination_account_id);
    if (made.length !== 1) fail(`the request and its replay made ${made.length} transfers of ${String(body.amount_in_cents)} cents`, 1, made.map((i) => i.id), lreq);
  }

  if (s.conflictBody) {
    const conflict = post(s.path, { ...s.conflictBody, ...(isTransfer ? { amount_in_cents: body.amount_in_cents } : {}) });
    const r3 = await send(conflict, s.keyId, extra);
    if (r3.status !== 409 || errorCode(r3.json) !== 'idempotency_conflict')
      fail(`the same Idempotency-Key with a different body answered ${r3.status} ${errorCode(r3.json) ?? ''}`, '409 idempotency_conflict', { status: r3.status, code: errorCode(r3.json) ?? null }, conflict);
  }
  if (s.otherPath) {
    const elsewhere = post(s.otherPath, body);
    const r5 = await send(elsewhere, s.keyId, extra);
    if (r5.status !== 409 || errorCode(r5.json) !== 'idempotency_conflict')
      fail(`the same Idempotency-Key on another path (${s.otherPath}) answered ${r5.status} ${errorCode(r5.json) ?? ''}`, '409 idempotency_conflict', { status: r5.status, code: errorCode(r5.json) ?? null }, elsewhere);
  }

  // Another API key with the same Idempotency-Key and body acts on its own (it was chosen allowed).
  if (s.otherKeyId && ctx.keys.has(s.otherKeyId)) {
    const r4 = await send(first, s.otherKeyId, extra);
    const id4 = dataOf(r4)?.[idField];
    if (r4.status !== r1.status || id4 === id1)
      fail(`key ${s.otherKeyId} reusing key ${s.keyId}'s Idempotency-Key got ${r4.status}${id4 === id1 ? " and the other key's " + idField : ''}`, `${r1.status} with a new ${idField}`, { status: r4.status, [idField]: id4 ?? null }, first, { credential: 'key', keyId: s.otherKeyId });
  }
}

/** Data without fields that may change between two reads of the same object. */
function stable(d: Record<string, unknown> | undefined): unknown {
  if (!d) return d;
  const { status: _s, updated_at: _u, ...rest } = d;
  return rest;
}

async function deniedWrite(ctx: EngineContext, s: Extract<Scenario, { kind: 'denied_write' }>, send: Send, report: Report): Promise<void> {
  const watch = get(s.watch.path, s.watch.query);
  const before = await send(watch, s.observerKeyId);
  const beforeIds = new Set(itemsOf(before).map((i) => i.id));
  const req = post(s.path, s.body);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const res = await send(req, s.keyId);
  if (res.status >= 200 && res.status < 300) {
    report('denied_write_no_effect', [must('C-PERM-7', `the write was expected to be denied but answered ${res.status}`, 'a denial', res.status)], req, sender);
    return;
  }
  const after = await send(watch, s.observerKeyId);
  const isTransfer = s.operationId === 'createTransfer';
  // New since the first read; server clocks are not compared with ours.
  const fresh = itemsOf(after).filter((i) => !beforeIds.has(i.id));
  const effects = isTransfer
    ? fresh.filter((i) => fieldAt(i, 'source.id') === s.body.source_account_id && fieldAt(i, 'destination.id') === s.body.destination_account_id && i.amount_in_cents === s.body.amount_in_cents)
    : fresh;
  if (effects.length)
    report('denied_write_no_effect', [must('C-PERM-7', `a denied ${s.operationId} (${res.status}) still created ${effects.map((i) => i.id).join(', ')}`, 'no effect', effects.map((i) => i.id))], req, sender);
  if (s.followUp) {
    // Nothing was recorded under the Idempotency-Key of the denied request, so an allowed one under it succeeds.
    const extra = { 'Idempotency-Key': `seqconform-${s.id}-${ctx.runNonce}` };
    const denied = await send(req, s.keyId, extra);
    const next = post(s.path, s.followUp);
    const ok = await send(next, s.keyId, extra);
    if (denied.status < 300 || ok.status < 200 || ok.status > 299)
      report('denied_write_no_effect', [must('C-PERM-7', `after a denied request (${denied.status}) under an Idempotency-Key, an allowed one under the same key answered ${ok.status} ${errorCode(ok.json) ?? ''}: the denial was recorded`, '2xx', { status: ok.status, code: errorCode(ok.json) ?? null })], next, sender, extra);
  }
}
