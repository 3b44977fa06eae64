/**
 * Scenario steps: multi-request checks (page walks, create-then-read, trigger-then-poll,
 * idempotent replays, denied writes, foreign cursors). Allow/deny at each step comes from the
 * oracle; this file only sequences requests and compares answers.
 */
import type { KeyView, RequestSpec, ResourceRef } from '../generators/case-types.ts';
import { fieldAt, type Item } from '../generators/inventory.ts';
import type { Scenario } from '../generators/matrix.ts';
import { canonicalJson } from '../generators/matrix.ts';
import { expectOutcome } from '../generators/oracle.ts';
import type { OperationId } from '../openapi/types.ts';
import type { Violation } from './checks/index.ts';
import { filterMiss } from './checks/lists.ts';
import { errorCode } from './checks/status.ts';
import type { EngineContext } from './engine.ts';
import type { HttpResponse, Sender } from './transport.ts';

type Report = (check: string, vs: Violation[], req: RequestSpec, sender: Sender, extra?: Record<string, string>) => void;

const must = (clause: string, message: string, expected: unknown, actual: unknown): Violation => ({ clause, level: 'must', message, expected, actual });

const get = (path: string, query: Array<[string, string]> = []): RequestSpec => ({ method: 'GET', path, query, headers: {} });
const post = (path: string, body: unknown): RequestSpec => ({ method: 'POST', path, query: [], headers: {}, body });

/** Runs the steps of `s`, reporting violations as they are found. */
export async function runScenarioSteps(ctx: EngineContext, s: Scenario, report: Report): Promise<{ rateLimited: number; checks: string[] }> {
  let rateLimited = 0;
  const send = async (req: RequestSpec, keyId: string, extra?: Record<string, string>): Promise<HttpResponse> => {
    const r = await ctx.transport.send(req, { credential: 'key', keyId }, extra);
    rateLimited += r.rateLimited;
    return r;
  };
  const sender = (keyId: string): Sender => ({ credential: 'key', keyId });
  switch (s.kind) {
    case 'page_walk':
      await pageWalk(ctx, s, send, report);
      return { rateLimited, checks: ['pages_walk_exact'] };
    case 'foreign_cursor': {
      const from = await send(get(s.fromPath, [...s.fromQuery, ['first', '1']]), s.keyId);
      const cursor = (from.json as { page_info?: { end_cursor?: unknown } } | undefined)?.page_info?.end_cursor;
      if (typeof cursor === 'string' && cursor) {
        const req = get(s.path, [...s.query, ['after', cursor]]);
        const res = await send(req, s.keyId);
        if (res.status !== 400 || errorCode(res.json) !== 'invalid_request')
          report('foreign_cursor_rejected', [must('C-VAL-2', `a cursor issued by ${s.fromOperationId} was accepted by ${s.operationId} (${res.status})`, 400, res.status)], req, sender(s.keyId));
      }
      return { rateLimited, checks: ['foreign_cursor_rejected'] };
    }
    case 'create_readback':
      await createReadback(ctx, s, send, report);
      return { rateLimited, checks: ['created_transfer_readable'] };
    case 'trigger_poll':
      await triggerPoll(ctx, s, send, report);
      return { rateLimited, checks: ['triggered_execution_readable'] };
    case 'idempotent_replay':
      await replay(ctx, s, send, report);
      return { rateLimited, checks: ['idempotent_replay'] };
    case 'denied_write':
      await deniedWrite(ctx, s, send, report);
      return { rateLimited, checks: ['denied_write_no_effect'] };
  }
}

type Send = (req: RequestSpec, keyId: string, extra?: Record<string, string>) => Promise<HttpResponse>;

function dataOf(res: HttpResponse): Record<string, unknown> | undefined {
  const d = (res.json as { data?: unknown } | undefined)?.data;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
}

function itemsOf(res: HttpResponse): Item[] {
  const d = (res.json as { data?: unknown } | undefined)?.data;
  return Array.isArray(d) ? (d as Item[]) : [];
}

async function pageWalk(ctx: EngineContext, s: Extract<Scenario, { kind: 'page_walk' }>, send: Send, report: Report): Promise<void> {
  const seen = new Map<string, Item>();
  const dupes: string[] = [];
  const problems: string[] = [];
  let after: string | undefined;
  let last: Item | undefined;
  let lastReq: RequestSpec = get(s.path, s.query);
  const started = Date.parse(ctx.inventory.started_at);
  const limit = Math.ceil(((s.expectedIds?.length ?? 0) + 200) / s.first) + 2;
  for (let page = 0; page < limit; page++) {
    lastReq = get(s.path, [...s.query, ['first', String(s.first)], ...(after ? ([['after', after]] as Array<[string, string]>) : [])]);
    const res = await send(lastReq, s.keyId);
    if (res.status !== 200) {
      problems.push(`page ${page + 1} answered ${res.status}`);
      break;
    }
    const items = itemsOf(res);
    const info = (res.json as { page_info?: { has_next_page?: unknown; end_cursor?: unknown } }).page_info;
    if (items.length > s.first) problems.push(`page ${page + 1} holds ${items.length} items for first=${s.first}`);
    for (const it of items) {
      if (seen.has(it.id)) dupes.push(it.id);
      if (last && Date.parse(String(last.created_at)) < Date.parse(String(it.created_at))) problems.push(`${it.id} is newer than ${last.id} but comes after it`);
      seen.set(it.id, it);
      last = it;
    }
    if (!info || typeof info.has_next_page !== 'boolean') {
      problems.push('page_info.has_next_page is missing');
      break;
    }
    if (items.length === 0 && info.end_cursor !== null) problems.push('end_cursor is not null on an empty page');
    if (items.length > 0 && (typeof info.end_cursor !== 'string' || !info.end_cursor)) problems.push(`page ${page + 1} has items but no end_cursor`);
    if (info.has_next_page && items.length === 0) problems.push('has_next_page is true on an empty page');
    if (!info.has_next_page) {
      after = undefined;
      break;
    }
    after = info.end_cursor as string;
    if (page === limit - 1) problems.push(`more than ${limit} pages: the walk does not end`);
  }
  const vs: Violation[] = [];
  if (dupes.length) vs.push(must('C-LIST-3', `${dupes.length} item(s) returned twice while paging: ${dupes.slice(0, 3).join(', ')}`, 'each item once', dupes.slice(0, 10)));
  for (const p of problems) vs.push(must('C-LIST-3', p, 'consistent pages', p));
  if (s.expectedIds) {
    let missing = s.expectedIds.filter((id) => !seen.has(id));
    if (missing.length && s.recheck) missing = await stillMatching(ctx, s, missing, send);
    const expected = new Set(s.expectedIds);
    const extra = [...seen.values()].filter((i) => !expected.has(i.id) && !(Date.parse(String(i.created_at)) >= started));
    if (missing.length) vs.push(must(s.clause, `walking every page missed ${missing.length} item(s): ${missing.slice(0, 3).join(', ')}`, `${expected.size} items`, seen.size));
    if (extra.length) vs.push(must('C-LIST-2', `walking every page returned ${extra.length} item(s) that do not belong: ${extra.slice(0, 3).map((i) => i.id).join(', ')}`, `${expected.size} items`, extra.slice(0, 10).map((i) => i.id)));
  }
  if (vs.length) report('pages_walk_exact', vs, lastReq, { credential: 'key', keyId: s.keyId });
}

/**
 * Of the items a filtered walk missed, those that still satisfy the filters when read again: an
 * item whose status moved on since discovery is rightly absent from a status-filtered list.
 */
async function stillMatching(ctx: EngineContext, s: Extract<Scenario, { kind: 'page_walk' }>, missing: string[], send: Send): Promise<string[]> {
  const op = ctx.contract.byId.get(s.operationId)!;
  const pseudo = { request: { method: 'GET', path: s.path, query: s.query, headers: {} } } as unknown as Parameters<typeof filterMiss>[1];
  const out: string[] = [];
  for (const id of missing.slice(0, 50)) {
    const res = await send(get(s.recheck!.replace('{id}', encodeURIComponent(id))), s.keyId);
    const item = dataOf(res);
    if (res.status !== 200 || !item || filterMiss(op, pseudo, item as Item) === null) out.push(id);
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

/** Every reader reads `objectPath` and gets what the oracle says (C-STATE-1/2). */
async function readersAgree(ctx: EngineContext, opId: OperationId, path: string, org: string, links: string[], readers: string[], send: Send, clause: string, check: string, report: Report): Promise<void> {
  const op = ctx.contract.byId.get(opId)!;
  const ref: ResourceRef = { kind: 'object', id: path.split('/').pop()!, org, links };
  for (const keyId of readers) {
    const key = ctx.keys.get(keyId);
    if (!key) continue;
    const want = expectOutcome(op, key as KeyView, ref, { credential: 'key' });
    const req = get(path);
    const res = await send(req, keyId);
    if (res.status !== want.status)
      report(check, [must(clause, `key ${keyId} reading ${path}: expected ${want.status} because ${want.because}; got ${res.status}`, want.status, res.status)], req, { credential: 'key', keyId });
  }
}

async function createReadback(ctx: EngineContext, s: Extract<Scenario, { kind: 'create_readback' }>, send: Send, report: Report): Promise<void> {
  const body: Record<string, unknown> = { ...s.body, amount_in_cents: 1000 + (Number.parseInt(ctx.runNonce.slice(0, 6), 16) % 9000) };
  const req = post('/transfers', body);
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
  await readersAgree(ctx, 'getTransfer', `/transfers/${encodeURIComponent(data.id)}`, org, [src, dst], s.readers, send, 'C-STATE-1', 'created_transfer_readable', report);
  for (const account of [src, dst]) {
    const lreq = get('/transfers', [['account_id', account], ['first', '100']]);
    const lres = await send(lreq, s.keyId);
    if (!itemsOf(lres).some((i) => i.id === data.id))
      report('created_transfer_readable', [must('C-STATE-1', `listTransfers for ${account} does not include the new transfer ${data.id}`, data.id, itemsOf(lres).slice(0, 5).map((i) => i.id))], lreq, sender);
  }
}

async function triggerPoll(ctx: EngineContext, s: Extract<Scenario, { kind: 'trigger_poll' }>, send: Send, report: Report): Promise<void> {
  const path = `/rules/${encodeURIComponent(s.ruleId)}/trigger`;
  const req = post(path, {});
  const res = await send(req, s.keyId);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const id = dataOf(res)?.execution_id;
  if (res.status !== 202 || typeof id !== 'string' || !id.startsWith('rex_')) {
    report('triggered_execution_readable', [must('C-STATE-2', `triggerRule answered ${res.status} with execution_id ${JSON.stringify(id)}`, '202 with a rex_ execution_id', { status: res.status, execution_id: id ?? null })], req, sender);
    return;
  }
  const greq = get(`/rule-executions/${encodeURIComponent(id)}`);
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
  await readersAgree(ctx, 'getRuleExecution', `/rule-executions/${encodeURIComponent(id)}`, org, [s.ruleId], s.readers, send, 'C-STATE-2', 'triggered_execution_readable', report);
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

async function replay(ctx: EngineContext, s: Extract<Scenario, { kind: 'idempotent_replay' }>, send: Send, report: Report): Promise<void> {
  const idem = `seqconform-${s.id}-${ctx.runNonce}`;
  const extra = { 'Idempotency-Key': idem };
  const isTransfer = s.operationId === 'createTransfer';
  const body = isTransfer ? { ...s.body, amount_in_cents: 100 + (Number.parseInt(ctx.runNonce.slice(6, 12), 16) % 900) } : s.body;
  const first = post(s.path, body);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const r1 = await send(first, s.keyId, extra);
  const idField = isTransfer ? 'id' : 'execution_id';
  const id1 = dataOf(r1)?.[idField];
  if (r1.status < 200 || r1.status > 299 || typeof id1 !== 'string') {
    report('idempotent_replay', [must('C-STATE-4', `the first request answered ${r1.status}; the replay check needs a success`, '2xx', r1.status)], first, sender, extra);
    return;
  }
  const again: RequestSpec = { method: 'POST', path: s.path, query: [], headers: {}, rawBody: reshuffled(body) };
  const r2 = await send(again, s.keyId, extra);
  const vs: Violation[] = [];
  if (r2.status !== r1.status) vs.push(must('C-STATE-4', `the replay answered ${r2.status}, the original ${r1.status}`, r1.status, r2.status));
  const d1 = dataOf(r1);
  const d2 = dataOf(r2);
  if (dataOf(r2)?.[idField] !== id1) vs.push(must('C-STATE-4', `the replay returned ${idField} ${String(dataOf(r2)?.[idField])}, the original ${id1}: the request acted twice`, id1, dataOf(r2)?.[idField] ?? null));
  else if (canonicalJson(stable(d1)) !== canonicalJson(stable(d2))) vs.push(must('C-STATE-4', 'the replay returned different data', d1, d2));
  if (vs.length) report('idempotent_replay', vs, again, sender, extra);

  // A different body under the same key conflicts.
  const otherBody: Record<string, unknown> | null = isTransfer ? { ...body, amount_in_cents: (body.amount_in_cents as number) + 1 } : null;
  const conflictReq = otherBody ? post(s.path, otherBody) : post(s.path, { manual_execute_amount: 1 });
  if (otherBody || s.path.includes('/trigger')) {
    const r3 = await send(conflictReq, s.keyId, extra);
    const code = errorCode(r3.json);
    const acceptable = r3.status === 409 && code === 'idempotency_conflict';
    // A trigger with manual_execute_amount on a non-MANUAL rule is refused earlier with 400 (C-VAL-4).
    const earlier = !isTransfer && r3.status === 400;
    if (!acceptable && !earlier) report('idempotent_replay', [must('C-STATE-4', `the same Idempotency-Key with a different body answered ${r3.status} ${code ?? ''}`, '409 idempotency_conflict', { status: r3.status, code: code ?? null })], conflictReq, sender, extra);
  }

  // Another API key with the same Idempotency-Key acts on its own.
  if (s.otherKeyId && isTransfer) {
    const other = ctx.keys.get(s.otherKeyId);
    if (other) {
      const op = ctx.contract.byId.get('createTransfer')!;
      const orgOf = (id: string) => ctx.inventory.owners[id] ?? null;
      const ref: ResourceRef = { kind: 'pair', source: { id: String(body.source_account_id), org: orgOf(String(body.source_account_id)) }, target: { id: String(body.destination_account_id), org: orgOf(String(body.destination_account_id)) }, amount: body.amount_in_cents as number };
      const want = expectOutcome(op, other as KeyView, ref, { credential: 'key' });
      const r4 = await send(first, s.otherKeyId, extra);
      const id4 = dataOf(r4)?.id;
      if (r4.status !== want.status || (want.status === 201 && id4 === id1))
        report('idempotent_replay', [must('C-STATE-4', `key ${s.otherKeyId} reusing the Idempotency-Key of key ${s.keyId} got ${r4.status}${id4 === id1 ? ' and the other key\'s transfer' : ''}; expected ${want.status} because ${want.because}`, want.status, { status: r4.status, id: id4 ?? null })], first, { credential: 'key', keyId: s.otherKeyId }, extra);
    }
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
}
