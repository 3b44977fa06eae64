/**
 * Writes in parallel (C-STATE-4, C-STATE-1, C-REQID-1/3): the same createTransfer sent several
 * times at once under one Idempotency-Key acts once, and every answer carries the same status and
 * `data`; then several different transfers created at once get distinct IDs, each readable
 * afterwards. Every step is judged by the single-response checks, so each concurrent answer must
 * echo its own X-Request-ID, and generated ones must not repeat. The requests go through the
 * transport like any other: --concurrency and --max-rps bound how many are really in flight.
 */
import type { Expectation, ResourceRef, Scenario } from '../../generators/case-types.ts';
import { canonicalJson, contentId } from '../../generators/ids.ts';
import { fieldAt } from '../../generators/inventory.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { expectOutcome } from '../../generators/oracle.ts';
import type { Violation } from '../checks/types.ts';
import type { EngineContext } from '../engine-context.ts';
import type { HttpResponse, Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import {
  allowedTransfer,
  dataOf,
  get,
  itemsOf,
  must,
  post,
  should,
  readbackPath,
  stable,
  uniqueAmount,
} from './steps.ts';

/** Requests in flight at once under one Idempotency-Key. */
export const BURST = 6;
/** Different transfers created at once. */
export const PARALLEL_CREATES = 3;

/** A transfer sent {@link BURST} times at once under one Idempotency-Key, then {@link PARALLEL_CREATES} others at once. */
export interface ConcurrentWrites extends Scenario {
  kind: 'concurrent_writes';
  source: string;
  destination: string;
  org: string;
  clause: 'C-STATE-4';
}

function build(ctx: MatrixCtx): ConcurrentWrites[] {
  // The top of the amounts run() sends: the oracle's verdict holds for each of them (max_amount).
  const t = allowedTransfer(ctx, 2_000_000 + 900_000 + PARALLEL_CREATES, true);
  if (!t) return [];
  const { b, create, source: s, destination: d } = t;
  return [
    {
      id: contentId('s', { kind: 'concurrent_writes', key: b.full.id, s: s.id, d: d.id }),
      kind: 'concurrent_writes',
      operationId: create.operationId,
      keyId: b.full.id,
      path: create.path,
      source: s.id,
      destination: d.id,
      org: b.main.org,
      clause: 'C-STATE-4',
    },
  ];
}

/** The oracle's expectation for creating `amount` from `s.source` to `s.destination` as the scenario's key. */
export function createExpectation(
  ctx: EngineContext,
  s: Pick<ConcurrentWrites, 'operationId' | 'keyId' | 'source' | 'destination' | 'org'>,
  amount: number,
): Expectation {
  const ref: ResourceRef = {
    kind: 'pair',
    source: { id: s.source, org: s.org },
    target: { id: s.destination, org: s.org },
    amount,
  };
  return expectOutcome(ctx.contract.byId.get(s.operationId)!, ctx.keys.get(s.keyId)!, ref, { credential: 'key' });
}

/** The transfers listed for `account` (newest first, one page of 100) with `amount` to `destination`. */
export async function transfersOf(
  steps: Steps,
  keyId: string,
  account: string,
  destination: string,
  amount: number,
): Promise<{ ids: string[]; req: ReturnType<typeof get> }> {
  const req = get('/transfers', [
    ['account_id', account],
    ['first', '100'],
  ]);
  const res = await steps.judged({ req, keyId, operationId: 'listTransfers', expect: null });
  const ids = itemsOf(res)
    .filter((i) => i.amount_in_cents === amount && fieldAt(i, 'destination.id') === destination)
    .map((i) => i.id);
  return { ids, req };
}

async function run(s: ConcurrentWrites, steps: Steps): Promise<void> {
  const { ctx, judged, report } = steps;
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const amount = uniqueAmount(ctx, 2_000_000, 900_000, 3);
  const body = {
    source_account_id: s.source,
    destination_account_id: s.destination,
    amount_in_cents: amount,
    description: 'conformance concurrent replay',
  };
  const expect = createExpectation(ctx, s, amount);
  if (expect.status !== 201) return;
  const extra = { 'Idempotency-Key': `seqconform-${s.id}-${ctx.runNonce}` };
  // Reads first, as many at once as the burst: the burst then leaves on open connections, together.
  await Promise.all(
    Array.from({ length: BURST }, () =>
      judged({
        req: get('/transfers', [
          ['account_id', s.source],
          ['first', '1'],
        ]),
        keyId: s.keyId,
        operationId: 'listTransfers',
        expect: null,
      }),
    ),
  );
  // Each in-flight request carries its own X-Request-ID: the step checks see a swapped echo (C-REQID-1).
  // The kind judges their statuses itself: a repeat refused with 409 while the first is in flight is not the oracle's.
  const burst = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      judged({
        req: { ...post(s.path, body), headers: { 'X-Request-ID': `seqconform-burst-${i}-${ctx.runNonce}` } },
        keyId: s.keyId,
        operationId: s.operationId,
        expect: null,
        extra,
      }),
    ),
  );
  const first = post(s.path, body);
  const vs: Violation[] = [];
  const shown = (r: HttpResponse) => ({ status: r.status, id: dataOf(r)?.id ?? null });
  const ok = burst.filter((r) => r.status === 201);
  const inFlight = burst.filter((r) => r.status === 409);
  if (!ok.length || ok.length + inFlight.length < BURST)
    vs.push(
      must(
        'C-STATE-4',
        `${BURST} identical requests in flight at once under one Idempotency-Key answered ${burst.map((r) => r.status).join(', ')}`,
        Array.from({ length: BURST }, () => 201),
        burst.map(shown),
      ),
    );
  else if (new Set(ok.map((r) => canonicalJson(stable(dataOf(r))))).size > 1)
    vs.push(
      must(
        'C-STATE-4',
        `${BURST} identical requests in flight at once under one Idempotency-Key answered different data (${[...new Set(ok.map((r) => String(dataOf(r)?.id)))].join(', ')}): the request acted more than once`,
        'the same data in every answer',
        burst.map(shown),
      ),
    );
  else if (inFlight.length)
    // The public docs leave in-flight duplicates open (contract-notes 52): refusing one while acting once is a warning.
    vs.push(
      should(
        'C-STATE-4',
        `${inFlight.length} of ${BURST} identical requests in flight at once under one Idempotency-Key were refused with 409 instead of answering the first request's 201`,
        Array.from({ length: BURST }, () => 201),
        burst.map(shown),
      ),
    );
  if (vs.length) report(vs, first, sender, extra);
  if (!ok.length) return;
  const made = await transfersOf(steps, s.keyId, s.source, s.destination, amount);
  if (made.ids.length !== 1)
    report(
      [
        must(
          'C-STATE-4',
          `${BURST} identical requests in flight at once under one Idempotency-Key made ${made.ids.length} transfers`,
          1,
          made.ids,
        ),
      ],
      made.req,
      sender,
    );

  // Different transfers at once: each its own Idempotency-Key (the transport's), its own ID, each readable.
  const amounts = Array.from({ length: PARALLEL_CREATES }, (_, i) => amount + 1 + i);
  const created = await Promise.all(
    amounts.map((a) =>
      judged({
        req: post(s.path, { ...body, amount_in_cents: a, description: 'conformance concurrent create' }),
        keyId: s.keyId,
        operationId: s.operationId,
        expect: createExpectation(ctx, s, a),
      }),
    ),
  );
  const ids = created.map((r) => dataOf(r)?.id);
  if (created.some((r) => r.status !== 201)) return;
  if (new Set(ids).size !== ids.length) {
    report(
      [
        must(
          'C-STATE-1',
          `${PARALLEL_CREATES} different transfers created at once got the IDs ${ids.join(', ')}`,
          'distinct IDs',
          ids,
        ),
      ],
      post(s.path, { ...body, amount_in_cents: amounts[0] }),
      sender,
    );
    return;
  }
  const read = ctx.contract.byId.get(ctx.contract.byId.get(s.operationId)!.effect!.readback)!;
  const key = ctx.keys.get(s.keyId)!;
  for (const [i, id] of ids.entries()) {
    if (typeof id !== 'string') continue;
    const req = get(readbackPath(ctx, s.operationId, id));
    const ref: ResourceRef = { kind: 'object', id, org: s.org, links: [s.source, s.destination] };
    const res = await judged({
      req,
      keyId: s.keyId,
      operationId: read.operationId,
      expect: expectOutcome(read, key, ref, { credential: 'key' }),
    });
    const got = dataOf(res);
    if (res.status === 200 && got?.amount_in_cents !== amounts[i])
      report(
        [
          must(
            'C-STATE-1',
            `${id}, created at once with others for ${amounts[i]} cents, reads back with ${String(got?.amount_in_cents)}`,
            amounts[i],
            got?.amount_in_cents ?? null,
          ),
        ],
        req,
        sender,
      );
  }
}

export default defineScenarioKind({
  kind: 'concurrent_writes',
  check: {
    id: 'concurrent_writes_act_once',
    clauses: ['C-STATE-4', 'C-STATE-1'],
    description:
      'The same write in flight several times at once under one Idempotency-Key acts once, every answer with the same status and data; different writes at once get distinct IDs, each readable.',
  },
  group: 'state',
  writes: 'acts',
  judgesSteps: true,
  build,
  resource: (s) => `${s.source} -> ${s.destination} ×${BURST} at once`,
  requests: () => 4 + 6 + 1 + 3 + 3,
  because: () => 'concurrent replays under one Idempotency-Key act once; concurrent creates are distinct',
  run,
});
