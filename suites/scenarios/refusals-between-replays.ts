/**
 * Refusals between an action and its replay (C-STATE-4, C-PERM-7): after a createTransfer acts
 * under an Idempotency-Key, the same Idempotency-Key comes back on requests that must be refused
 * (a malformed body, an account that does not exist, a pair another key may not move, from the
 * same and from other API keys); then the first request, replayed, still replays (same status,
 * same transfer) and the refusals created nothing.
 */
import type { Expectation, RequestSpec, ResourceRef, Scenario } from '../../generators/case-types.ts';
import { contentId, missingId } from '../../generators/ids.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { expectOutcome } from '../../generators/oracle.ts';
import type { Sender } from '../transport.ts';
import { transfersOf } from './concurrent-writes.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { allowedTransfer, dataOf, must, post, reshuffled, statusFor, uniqueAmount } from './steps.ts';

/** A refusal sent under the used Idempotency-Key. */
interface Refusal {
  label: string;
  keyId: string;
  /** What departs from the first body. */
  change: 'malformed' | 'missing_destination' | 'none';
}

/** An action, refusals under its Idempotency-Key, then its replay. */
export interface RefusalsBetweenReplays extends Scenario {
  kind: 'refusals_between_replays';
  source: string;
  destination: string;
  org: string;
  refusals: Refusal[];
  clause: 'C-STATE-4';
}

function build(ctx: MatrixCtx): RefusalsBetweenReplays[] {
  const t = allowedTransfer(ctx, 4_900_000);
  if (!t) return [];
  const { b, create, source: s, destination: d } = t;
  const ref: ResourceRef = {
    kind: 'pair',
    source: { id: s.id, org: b.main.org },
    target: { id: d.id, org: b.main.org },
    amount: 4_900_000,
  };
  const refusals: Refusal[] = [
    { label: 'a malformed body', keyId: b.full.id, change: 'malformed' },
    { label: 'a destination that does not exist', keyId: b.full.id, change: 'missing_destination' },
  ];
  // Other keys of the organization: one the pair is denied to sends the same body; any other sends a malformed one.
  const live = ctx.keys.filter((k) => k.id !== b.full.id && !k.revoked && k.org === b.full.org);
  const holdsScope = (k: (typeof live)[number]) =>
    k.permissions.some((e) => e.scope === create.permission.scope) ? 0 : 1;
  const denied = live.filter((k) => statusFor(create, k, ref) === 403).sort((x, y) => holdsScope(x) - holdsScope(y))[0];
  if (denied) refusals.push({ label: `key ${denied.id}, denied the pair`, keyId: denied.id, change: 'none' });
  const other = live.find((k) => k !== denied);
  if (other) refusals.push({ label: `key ${other.id}, a malformed body`, keyId: other.id, change: 'malformed' });
  return [
    {
      id: contentId('s', { kind: 'refusals_between_replays', key: b.full.id, s: s.id, d: d.id, refusals }),
      kind: 'refusals_between_replays',
      operationId: create.operationId,
      keyId: b.full.id,
      path: create.path,
      source: s.id,
      destination: d.id,
      org: b.main.org,
      refusals,
      clause: 'C-STATE-4',
    },
  ];
}

async function run(s: RefusalsBetweenReplays, steps: Steps): Promise<void> {
  const { ctx, judged, report } = steps;
  const op = ctx.contract.byId.get(s.operationId)!;
  const amount = uniqueAmount(ctx, 4_000_000, 900_000, 7);
  const body = {
    source_account_id: s.source,
    destination_account_id: s.destination,
    amount_in_cents: amount,
    description: 'conformance refusals between replays',
  };
  const extra = { 'Idempotency-Key': `seqconform-${s.id}-${ctx.runNonce}` };
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const expectFor = (keyId: string, r: Refusal['change']): Expectation => {
    const target = r === 'missing_destination' ? missingId('acc_') : s.destination;
    const ref: ResourceRef = {
      kind: 'pair',
      source: { id: s.source, org: s.org },
      target: { id: target, org: r === 'missing_destination' ? null : s.org },
      amount,
    };
    const variant =
      r === 'malformed'
        ? { credential: 'key' as const, defect: { name: 'amount_zero', clause: 'C-VAL-3' as const } }
        : { credential: 'key' as const };
    return expectOutcome(op, ctx.keys.get(keyId)!, ref, variant);
  };
  const first = post(s.path, body);
  const r1 = await judged({
    req: first,
    keyId: s.keyId,
    operationId: s.operationId,
    expect: expectFor(s.keyId, 'none'),
    extra,
  });
  const id1 = dataOf(r1)?.id;
  if (r1.status !== 201 || typeof id1 !== 'string') return;

  for (const r of s.refusals) {
    const req: RequestSpec = post(s.path, {
      ...body,
      ...(r.change === 'malformed' ? { amount_in_cents: 0 } : {}),
      ...(r.change === 'missing_destination' ? { destination_account_id: missingId('acc_') } : {}),
    });
    const res = await judged({
      req,
      keyId: r.keyId,
      operationId: s.operationId,
      expect: expectFor(r.keyId, r.change),
      extra,
    });
    if (res.status >= 200 && res.status < 300)
      report(
        [
          must(
            r.change === 'none' ? 'C-PERM-7' : 'C-STATE-4',
            `under a used Idempotency-Key, ${r.label} answered ${res.status}: it must be refused as it would be under a fresh one`,
            'a refusal',
            { status: res.status, id: dataOf(res)?.id ?? null },
          ),
        ],
        req,
        { credential: 'key', keyId: r.keyId },
        extra,
      );
  }

  const again: RequestSpec = { method: 'POST', path: s.path, query: [], headers: {}, rawBody: reshuffled(body) };
  const r2 = await judged({
    req: again,
    keyId: s.keyId,
    operationId: s.operationId,
    expect: expectFor(s.keyId, 'none'),
    extra,
  });
  const id2 = dataOf(r2)?.id;
  if (r2.status !== r1.status || id2 !== id1)
    report(
      [
        must(
          'C-STATE-4',
          `after ${s.refusals.map((r) => r.label).join(', ')} under the same Idempotency-Key, the replay answered ${r2.status} with ${String(id2)}, the original 201 with ${id1}`,
          { status: 201, id: id1 },
          { status: r2.status, id: id2 ?? null },
        ),
      ],
      again,
      sender,
      extra,
    );
  const made = await transfersOf(steps, s.keyId, s.source, s.destination, amount);
  if (made.ids.length !== 1)
    report(
      [
        must(
          'C-PERM-7',
          `the action, ${s.refusals.length} refusals and a replay under one Idempotency-Key made ${made.ids.length} transfers of ${amount} cents`,
          1,
          made.ids,
        ),
      ],
      made.req,
      sender,
    );
}

export default defineScenarioKind({
  kind: 'refusals_between_replays',
  check: {
    id: 'replay_survives_refusals',
    clauses: ['C-STATE-4', 'C-PERM-7'],
    description:
      'Malformed, not-found and denied requests under a used Idempotency-Key, from the same and other keys, are refused and change nothing: the replay still replays and one transfer exists.',
  },
  group: 'state',
  writes: 'acts',
  judgesSteps: true,
  build,
  resource: (s) => `${s.source} -> ${s.destination}, then ${s.refusals.length} refusals`,
  requests: () => 7,
  because: (s) =>
    `${s.refusals.map((r) => r.label).join(', ')} under a used Idempotency-Key are refused, and the replay still replays`,
  run,
});
