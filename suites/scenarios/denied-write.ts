/**
 * Denied writes have no effect (C-PERM-7): a write the oracle says is refused creates nothing
 * (the watched list, read before and after by the discovery key, gains no matching item) and
 * records nothing under its Idempotency-Key (under `mutations: all`, an allowed write under the
 * same key then succeeds).
 */
import type { RuleRef, Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import { fieldAt } from '../../generators/inventory.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { pairsFor } from '../../generators/resources.ts';
import { errorCode } from '../checks/status.ts';
import type { Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { get, itemsOf, must, post, stateBasis, statusFor } from './steps.ts';

/** A write by `keyId` the oracle refuses, watched through `watch` by `observerKeyId`. */
export interface DeniedWrite extends Scenario {
  kind: 'denied_write';
  body: Record<string, unknown>;
  observerKeyId: string;
  watch: { path: string; query: Array<[string, string]> };
  /** A body the same key may send: after the denial, it must succeed under the same Idempotency-Key (nothing was recorded). Only with mutations: all. */
  followUp?: Record<string, unknown>;
  clause: 'C-PERM-7';
}

function build(ctx: MatrixCtx): DeniedWrite[] {
  const b = stateBasis(ctx);
  if (!b) return [];
  const { main, full, src, create, trigger } = b;
  const out: DeniedWrite[] = [];
  for (const key of ctx.keys.filter((k) => !k.revoked && k.org === main.org)) {
    if (create && src.length >= 2) {
      const candidates = pairsFor(ctx, key);
      const allowed = candidates.find((p) => statusFor(create, key, p.ref) === 201);
      for (const p of candidates.filter((x) => statusFor(create, key, x.ref) === 403).slice(0, 1)) {
        const body = {
          source_account_id: p.ref.source.id,
          destination_account_id: p.ref.target.id,
          amount_in_cents: p.ref.amount,
        };
        const watch = {
          path: '/transfers',
          query: [
            ['account_id', p.ref.source.org === main.org ? p.ref.source.id : p.ref.target.id],
            ['first', '100'],
          ] as Array<[string, string]>,
        };
        // The follow-up acts (moves money): only under mutations: all.
        const followUp =
          allowed && ctx.opts.mutations === 'all'
            ? {
                source_account_id: allowed.ref.source.id,
                destination_account_id: allowed.ref.target.id,
                amount_in_cents: allowed.ref.amount,
              }
            : undefined;
        out.push({
          id: contentId('s', { kind: 'denied_write', key: key.id, body }),
          kind: 'denied_write',
          operationId: create.operationId,
          keyId: key.id,
          path: create.path,
          body,
          observerKeyId: full.id,
          watch,
          ...(followUp ? { followUp } : {}),
          clause: 'C-PERM-7',
        });
      }
    }
    if (trigger) {
      // A disabled rule first: nothing else starts executions on it, so its count is stable under concurrency.
      const rules = [...main.rules].sort((a, b) => Number(b.status === 'disabled') - Number(a.status === 'disabled'));
      const rule = rules.find(
        (r) =>
          statusFor(trigger, key, {
            kind: 'id',
            ref: {
              id: r.id,
              org: main.org,
              status: r.status as RuleRef['status'],
              trigger_type: r.trigger_type as RuleRef['trigger_type'],
            },
          }) >= 400,
      );
      if (rule) {
        const path = trigger.path.replace('{id}', encodeURIComponent(rule.id));
        const watch = {
          path: '/rule-executions',
          query: [
            ['rule_id', rule.id],
            ['first', '100'],
          ] as Array<[string, string]>,
        };
        out.push({
          id: contentId('s', { kind: 'denied_write', key: key.id, path }),
          kind: 'denied_write',
          operationId: trigger.operationId,
          keyId: key.id,
          path,
          body: {},
          observerKeyId: full.id,
          watch,
          clause: 'C-PERM-7',
        });
      }
    }
  }
  return out;
}

async function run(s: DeniedWrite, { ctx, send, report }: Steps): Promise<void> {
  const watch = get(s.watch.path, s.watch.query);
  const before = await send(watch, s.observerKeyId);
  const beforeIds = new Set(itemsOf(before).map((i) => i.id));
  const req = post(s.path, s.body);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const res = await send(req, s.keyId);
  if (res.status >= 200 && res.status < 300) {
    report(
      [must('C-PERM-7', `the write was expected to be denied but answered ${res.status}`, 'a denial', res.status)],
      req,
      sender,
    );
    return;
  }
  const after = await send(watch, s.observerKeyId);
  const isTransfer = s.operationId === 'createTransfer';
  // New since the first read; server clocks are not compared with ours.
  const fresh = itemsOf(after).filter((i) => !beforeIds.has(i.id));
  const effects = isTransfer
    ? fresh.filter(
        (i) =>
          fieldAt(i, 'source.id') === s.body.source_account_id &&
          fieldAt(i, 'destination.id') === s.body.destination_account_id &&
          i.amount_in_cents === s.body.amount_in_cents,
      )
    : fresh;
  if (effects.length)
    report(
      [
        must(
          'C-PERM-7',
          `a denied ${s.operationId} (${res.status}) still created ${effects.map((i) => i.id).join(', ')}`,
          'no effect',
          effects.map((i) => i.id),
        ),
      ],
      req,
      sender,
    );
  if (s.followUp) {
    // Nothing was recorded under the Idempotency-Key of the denied request, so an allowed one under it succeeds.
    const extra = { 'Idempotency-Key': `seqconform-${s.id}-${ctx.runNonce}` };
    const denied = await send(req, s.keyId, extra);
    const next = post(s.path, s.followUp);
    const ok = await send(next, s.keyId, extra);
    if (denied.status < 300 || ok.status < 200 || ok.status > 299)
      report(
        [
          must(
            'C-PERM-7',
            `after a denied request (${denied.status}) under an Idempotency-Key, an allowed one under the same key answered ${ok.status} ${errorCode(ok.json) ?? ''}: the denial was recorded`,
            '2xx',
            { status: ok.status, code: errorCode(ok.json) ?? null },
          ),
        ],
        next,
        sender,
        extra,
      );
  }
}

export default defineScenarioKind({
  kind: 'denied_write',
  check: {
    id: 'denied_write_no_effect',
    clauses: ['C-PERM-7'],
    description: 'A denied write creates nothing and records nothing under its Idempotency-Key.',
  },
  group: 'state',
  writes: 'denied',
  build,
  resource: (s) => s.path,
  requests: (s) => 3 + (s.followUp ? 2 : 0),
  because: () => 'a denied write has no effect',
  run,
});
