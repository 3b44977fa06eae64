/**
 * Idempotent replays (C-STATE-4): the same Idempotency-Key, API key, path and body (as JSON) replay
 * the first answer and act once; another body or path under the key conflicts (409); another API
 * key's Idempotency-Keys never meet this one's. For createTransfer and for triggerRule.
 */
import type { RequestSpec, ResourceRef, Scenario } from '../../generators/case-types.ts';
import { canonicalJson, contentId } from '../../generators/ids.ts';
import { fieldAt } from '../../generators/inventory.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { errorCode } from '../checks/status.ts';
import type { Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import {
  dataOf,
  enabledRules,
  get,
  itemsOf,
  must,
  post,
  reshuffled,
  stable,
  stateBasis,
  statusFor,
  uniqueAmount,
} from './steps.ts';

/** A write sent twice under one Idempotency-Key, then with another body, path and key. */
export interface IdempotentReplay extends Scenario {
  kind: 'idempotent_replay';
  /** Another key of the organization allowed the same request: its Idempotency-Keys must not meet this key's. */
  otherKeyId: string | null;
  /** Another path the key may POST the same body to: the same Idempotency-Key there conflicts. */
  otherPath: string | null;
  body: Record<string, unknown>;
  /** A body that differs but passes validation for this path: the same Idempotency-Key with it conflicts. */
  conflictBody: Record<string, unknown> | null;
  clause: 'C-STATE-4';
}

function build(ctx: MatrixCtx): IdempotentReplay[] {
  const b = stateBasis(ctx);
  if (!b) return [];
  const { main, full, src, create, trigger } = b;
  const out: IdempotentReplay[] = [];
  if (create && src.length >= 2) {
    const rbody = {
      source_account_id: src[1]!.id,
      destination_account_id: src[0]!.id,
      amount_in_cents: 77,
      description: 'conformance replay',
    };
    const pairRef: ResourceRef = {
      kind: 'pair',
      source: { id: src[1]!.id, org: main.org },
      target: { id: src[0]!.id, org: main.org },
      amount: 1_000_000,
    };
    const other = ctx.keys.find(
      (k) => k.id !== full.id && !k.revoked && k.org === full.org && statusFor(create, k, pairRef) === 201,
    );
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
  const [rule, otherRule] = enabledRules(main);
  if (trigger && rule) {
    const path = trigger.path.replace('{id}', encodeURIComponent(rule.id));
    out.push({
      id: contentId('s', { kind: 'replay', op: trigger.operationId, key: full.id, path }),
      kind: 'idempotent_replay',
      operationId: trigger.operationId,
      keyId: full.id,
      otherKeyId: null,
      path,
      otherPath: otherRule ? trigger.path.replace('{id}', encodeURIComponent(otherRule.id)) : null,
      body: {},
      conflictBody: rule.trigger_type === 'MANUAL' ? { manual_execute_amount: 700 } : null,
      clause: 'C-STATE-4',
    });
  }
  return out;
}

async function run(s: IdempotentReplay, { ctx, send, report }: Steps): Promise<void> {
  const idem = `seqconform-${s.id}-${ctx.runNonce}`;
  const extra = { 'Idempotency-Key': idem };
  const isTransfer = s.operationId === 'createTransfer';
  const body: Record<string, unknown> = isTransfer
    ? { ...s.body, amount_in_cents: uniqueAmount(ctx, 100_000, 900_000, 1) }
    : s.body;
  const first = post(s.path, body);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const fail = (message: string, expected: unknown, actual: unknown, req: RequestSpec, who: Sender = sender) =>
    report([must('C-STATE-4', message, expected, actual)], req, who, extra);
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
  if (r2.status !== r1.status)
    fail(`the replay answered ${r2.status}, the original ${r1.status}`, r1.status, r2.status, again);
  else if (id2 !== id1)
    fail(
      `the replay returned ${idField} ${String(id2)}, the original ${id1}: the request acted twice`,
      id1,
      id2 ?? null,
      again,
    );
  else if (canonicalJson(stable(dataOf(r1))) !== canonicalJson(stable(dataOf(r2))))
    fail('the replay returned different data', dataOf(r1), dataOf(r2), again);

  if (isTransfer) {
    // Same id twice is not enough: the replay must not have made a second transfer either.
    const lreq = get('/transfers', [
      ['account_id', String(body.source_account_id)],
      ['first', '100'],
    ]);
    const made = itemsOf(await send(lreq, s.keyId)).filter(
      (i) => i.amount_in_cents === body.amount_in_cents && fieldAt(i, 'destination.id') === body.destination_account_id,
    );
    if (made.length !== 1)
      fail(
        `the request and its replay made ${made.length} transfers of ${String(body.amount_in_cents)} cents`,
        1,
        made.map((i) => i.id),
        lreq,
      );
  }

  if (s.conflictBody) {
    const conflict = post(s.path, {
      ...s.conflictBody,
      ...(isTransfer ? { amount_in_cents: body.amount_in_cents } : {}),
    });
    const r3 = await send(conflict, s.keyId, extra);
    if (r3.status !== 409 || errorCode(r3.json) !== 'idempotency_conflict')
      fail(
        `the same Idempotency-Key with a different body answered ${r3.status} ${errorCode(r3.json) ?? ''}`,
        '409 idempotency_conflict',
        { status: r3.status, code: errorCode(r3.json) ?? null },
        conflict,
      );
  }
  // The replay is looked up after validation (C-STATE-4): a malformed body under the used key is refused as malformed.
  const malformed = post(s.path, isTransfer ? { ...body, amount_in_cents: 0 } : { manual_execute_amount: 0 });
  const r6 = await send(malformed, s.keyId, extra);
  if (r6.status !== 400 || errorCode(r6.json) !== 'invalid_request')
    fail(
      `the same Idempotency-Key with a malformed body answered ${r6.status} ${errorCode(r6.json) ?? ''}: the body is validated before the replay is looked up`,
      '400 invalid_request',
      { status: r6.status, code: errorCode(r6.json) ?? null },
      malformed,
    );
  if (s.otherPath) {
    const elsewhere = post(s.otherPath, body);
    const r5 = await send(elsewhere, s.keyId, extra);
    if (r5.status !== 409 || errorCode(r5.json) !== 'idempotency_conflict')
      fail(
        `the same Idempotency-Key on another path (${s.otherPath}) answered ${r5.status} ${errorCode(r5.json) ?? ''}`,
        '409 idempotency_conflict',
        { status: r5.status, code: errorCode(r5.json) ?? null },
        elsewhere,
      );
  }

  // Another API key with the same Idempotency-Key and body acts on its own (it was chosen allowed).
  if (s.otherKeyId && ctx.keys.has(s.otherKeyId)) {
    const r4 = await send(first, s.otherKeyId, extra);
    const id4 = dataOf(r4)?.[idField];
    if (r4.status !== r1.status || id4 === id1)
      fail(
        `key ${s.otherKeyId} reusing key ${s.keyId}'s Idempotency-Key got ${r4.status}${id4 === id1 ? " and the other key's " + idField : ''}`,
        `${r1.status} with a new ${idField}`,
        { status: r4.status, [idField]: id4 ?? null },
        first,
        { credential: 'key', keyId: s.otherKeyId },
      );
  }
}

export default defineScenarioKind({
  kind: 'idempotent_replay',
  check: {
    id: 'idempotent_replay',
    clauses: ['C-STATE-4'],
    description:
      'A replay returns the same status and data and acts once; a different body or path conflicts; other keys do not interact.',
  },
  group: 'state',
  writes: 'acts',
  build,
  resource: (s) => s.path,
  requests: (s) => 4 + (s.conflictBody ? 1 : 0) + (s.otherPath ? 1 : 0) + (s.otherKeyId ? 1 : 0),
  because: () => 'the same Idempotency-Key and body replay the first answer; another body conflicts',
  run,
});
