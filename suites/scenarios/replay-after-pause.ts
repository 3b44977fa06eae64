/**
 * Replays after a pause (C-STATE-4 "within 24 hours"): a createTransfer and a triggerRule, each
 * replayed under its Idempotency-Key after `pauseMs` (--replay-pause, default a few seconds),
 * still answer the first status and data and act once. The run cannot wait out the 24-hour window;
 * the pause catches an answer remembered for seconds only. The cells start with the cases, so
 * their pauses pass while the rest of the run goes on.
 */
import type { Expectation, ResourceRef, Scenario } from '../../generators/case-types.ts';
import { canonicalJson, contentId } from '../../generators/ids.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { expectOutcome } from '../../generators/oracle.ts';
import type { OperationId } from '../../openapi/types.ts';
import type { Sender } from '../transport.ts';
import { transfersOf } from './concurrent-writes.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { dataOf, enabledRules, must, post, stable, stateBasis, statusFor, uniqueAmount } from './steps.ts';

/** A write, a pause, and its replay. */
export interface ReplayAfterPause extends Scenario {
  kind: 'replay_after_pause';
  body: Record<string, unknown>;
  ref: ResourceRef;
  pauseMs: number;
  clause: 'C-STATE-4';
}

function build(ctx: MatrixCtx): ReplayAfterPause[] {
  const b = stateBasis(ctx);
  if (!b) return [];
  const pauseMs = ctx.opts.replayPauseMs;
  const out: ReplayAfterPause[] = [];
  const cell = (operationId: OperationId, path: string, body: Record<string, unknown>, ref: ResourceRef) =>
    out.push({
      id: contentId('s', { kind: 'replay_after_pause', op: operationId, key: b.full.id, path, body, pauseMs }),
      kind: 'replay_after_pause',
      operationId,
      keyId: b.full.id,
      path,
      body,
      ref,
      pauseMs,
      clause: 'C-STATE-4',
    });
  if (b.create && b.src.length >= 2) {
    const [s, d] = [b.src[1]!, b.src[0]!];
    const ref: ResourceRef = {
      kind: 'pair',
      source: { id: s.id, org: b.main.org },
      target: { id: d.id, org: b.main.org },
      amount: 5_900_000,
    };
    if (statusFor(b.create, b.full, ref) === 201)
      cell(
        b.create.operationId,
        b.create.path,
        { source_account_id: s.id, destination_account_id: d.id, description: 'conformance replay after a pause' },
        ref,
      );
  }
  const rule = enabledRules(b.main)[0];
  if (b.trigger && rule) {
    const ref: ResourceRef = {
      kind: 'id',
      ref: { id: rule.id, org: b.main.org, status: 'enabled', trigger_type: rule.trigger_type as 'MANUAL' },
    };
    if (statusFor(b.trigger, b.full, ref) === 202)
      cell(b.trigger.operationId, b.trigger.path.replace('{id}', encodeURIComponent(rule.id)), {}, ref);
  }
  return out;
}

async function run(s: ReplayAfterPause, steps: Steps): Promise<void> {
  const { ctx, judged, report } = steps;
  const op = ctx.contract.byId.get(s.operationId)!;
  const isTransfer = s.ref.kind === 'pair';
  const amount = uniqueAmount(ctx, 5_000_000, 900_000, 11);
  const body = isTransfer ? { ...s.body, amount_in_cents: amount } : s.body;
  const ref: ResourceRef = s.ref.kind === 'pair' ? { ...s.ref, amount } : s.ref;
  const expect: Expectation = expectOutcome(op, ctx.keys.get(s.keyId)!, ref, { credential: 'key' });
  const extra = { 'Idempotency-Key': `seqconform-${s.id}-${ctx.runNonce}` };
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const req = post(s.path, body);
  const idField = isTransfer ? 'id' : 'execution_id';
  const r1 = await judged({ req, keyId: s.keyId, operationId: s.operationId, expect, extra });
  const id1 = dataOf(r1)?.[idField];
  if (r1.status !== expect.status || typeof id1 !== 'string') return;
  await new Promise((resolve) => setTimeout(resolve, s.pauseMs));
  const r2 = await judged({ req, keyId: s.keyId, operationId: s.operationId, expect, extra });
  const id2 = dataOf(r2)?.[idField];
  if (r2.status !== r1.status || id2 !== id1 || canonicalJson(stable(dataOf(r1))) !== canonicalJson(stable(dataOf(r2))))
    report(
      [
        must(
          'C-STATE-4',
          `replayed after ${s.pauseMs} ms under the same Idempotency-Key, ${s.operationId} answered ${r2.status} with ${idField} ${String(id2)}; the first answer was ${r1.status} with ${id1}`,
          { status: r1.status, [idField]: id1 },
          { status: r2.status, [idField]: id2 ?? null },
        ),
      ],
      req,
      sender,
      extra,
    );
  if (!isTransfer) return;
  const made = await transfersOf(
    steps,
    s.keyId,
    String(body.source_account_id),
    String(body.destination_account_id),
    amount,
  );
  if (made.ids.length !== 1)
    report(
      [
        must(
          'C-STATE-4',
          `a createTransfer and its replay ${s.pauseMs} ms later made ${made.ids.length} transfers`,
          1,
          made.ids,
        ),
      ],
      made.req,
      sender,
    );
}

export default defineScenarioKind({
  kind: 'replay_after_pause',
  check: {
    id: 'replay_survives_pause',
    clauses: ['C-STATE-4'],
    description:
      'A createTransfer or triggerRule replayed after a pause (--replay-pause) under its Idempotency-Key still answers the first status and data, and acts once.',
  },
  group: 'state',
  writes: 'acts',
  startsEarly: true,
  judgesSteps: true,
  build,
  resource: (s) => `${s.path} replayed after ${s.pauseMs} ms`,
  requests: () => 3,
  because: (s) => `a replay ${s.pauseMs} ms later is within the 24-hour window`,
  run,
});
