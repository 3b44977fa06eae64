/**
 * A page walk with a write between two pages (C-LIST-3): after the first page of a paged list,
 * a transfer (listTransfers) or an execution (listRuleExecutions) is created for the walked
 * member, then the walk goes on. Every item that existed before the walk still comes exactly
 * once, newest first; the new item, newer than every cursor, may come at most once. Runs only
 * where the mutations policy lets a write act.
 */
import type { Expectation, ResourceRef, Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import type { Item } from '../../generators/inventory.ts';
import { membersByValue, type MatrixCtx } from '../../generators/matrix-context.ts';
import { expectOutcome } from '../../generators/oracle.ts';
import type { ClauseId } from '../../openapi/clauses.ts';
import type { Violation } from '../checks/types.ts';
import type { Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { enabledRules, get, isObject, itemsOf, must, post, stateBasis, statusFor, uniqueAmount } from './steps.ts';

/** A walk of `query` in pages of `first`, with `write` sent after the first page. */
export interface InterleavedPageWalk extends Scenario {
  kind: 'interleaved_page_walk';
  query: Array<[string, string]>;
  first: number;
  /** The items of the walked member value before the walk (discovery's). */
  expectedIds: string[];
  /** The write sent between the first and the second page: what it creates for the walked member. */
  write: {
    operationId: 'createTransfer' | 'triggerRule';
    path: string;
    body: Record<string, unknown>;
    ref: ResourceRef;
  };
  clause: 'C-LIST-3';
}

function build(ctx: MatrixCtx): InterleavedPageWalk[] {
  const b = stateBasis(ctx);
  if (!b) return [];
  const out: InterleavedPageWalk[] = [];
  const cell = (
    listOp: 'listTransfers' | 'listRuleExecutions',
    member: string,
    query: Array<[string, string]>,
    write: InterleavedPageWalk['write'],
  ) => {
    const op = ctx.contract.byId.get(listOp);
    const items = op ? (membersByValue(ctx, b.main, op).get(member) ?? []) : [];
    // Pages of a third of the items: the write lands with pages still to come.
    if (!op || items.length < 3) return;
    const first = Math.min(100, Math.max(1, Math.floor(items.length / 3)));
    out.push({
      id: contentId('s', { kind: 'interleaved_page_walk', op: listOp, key: b.full.id, query, first }),
      kind: 'interleaved_page_walk',
      operationId: op.operationId,
      keyId: b.full.id,
      path: op.path,
      query,
      first,
      expectedIds: items.map((i) => i.id).sort(),
      write,
      clause: 'C-LIST-3',
    });
  };
  if (b.create && b.src.length >= 2) {
    const [walked, other] = [b.src[0]!, b.src[1]!];
    const ref: ResourceRef = {
      kind: 'pair',
      source: { id: other.id, org: b.main.org },
      target: { id: walked.id, org: b.main.org },
      amount: 3_900_000,
    };
    if (statusFor(b.create, b.full, ref) === 201)
      cell('listTransfers', walked.id, [['account_id', walked.id]], {
        operationId: 'createTransfer',
        path: b.create.path,
        body: {
          source_account_id: other.id,
          destination_account_id: walked.id,
          description: 'conformance interleaved',
        },
        ref,
      });
  }
  const rule = enabledRules(b.main)[0];
  if (b.trigger && rule) {
    const ref: ResourceRef = {
      kind: 'id',
      ref: { id: rule.id, org: b.main.org, status: 'enabled', trigger_type: rule.trigger_type as 'MANUAL' },
    };
    if (statusFor(b.trigger, b.full, ref) === 202)
      cell('listRuleExecutions', rule.id, [['rule_id', rule.id]], {
        operationId: 'triggerRule',
        path: b.trigger.path.replace('{id}', encodeURIComponent(rule.id)),
        body: {},
        ref,
      });
  }
  return out;
}

async function run(s: InterleavedPageWalk, { ctx, judged, report }: Steps): Promise<void> {
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const seen = new Map<string, Item>();
  const twice: string[] = [];
  const problems: Array<{ clause: ClauseId; text: string }> = [];
  let last: Item | undefined;
  let after: string | undefined;
  let lastReq = get(s.path, s.query);
  const limit = Math.ceil((s.expectedIds.length + 200) / s.first) + 2;
  for (let page = 0; page < limit; page++) {
    lastReq = get(s.path, [
      ...s.query,
      ['first', String(s.first)],
      ...(after ? ([['after', after]] as Array<[string, string]>) : []),
    ]);
    const res = await judged({ req: lastReq, keyId: s.keyId, operationId: s.operationId, expect: null });
    if (res.status !== 200) {
      problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} answered ${res.status}` });
      break;
    }
    for (const it of itemsOf(res)) {
      if (seen.has(it.id)) twice.push(it.id);
      if (last && Date.parse(String(last.created_at)) < Date.parse(String(it.created_at)))
        problems.push({ clause: 'C-LIST-3', text: `${it.id} is newer than ${last.id} but comes after it` });
      seen.set(it.id, it);
      last = it;
    }
    const info = isObject(res.json) && isObject(res.json.page_info) ? res.json.page_info : undefined;
    if (!info?.has_next_page || typeof info.end_cursor !== 'string' || !info.end_cursor) break;
    after = info.end_cursor;
    if (page === 0) await interleave(s, ctx, judged);
  }
  const missing = s.expectedIds.filter((id) => !seen.has(id));
  const vs: Violation[] = problems.map((p) => must(p.clause, p.text, 'consistent pages', p.text));
  if (twice.length)
    vs.push(
      must(
        'C-LIST-3',
        `with a ${s.write.operationId} between the first two pages, ${twice.length} item(s) came twice: ${twice.slice(0, 3).join(', ')}`,
        'each item once',
        twice.slice(0, 10),
      ),
    );
  if (missing.length)
    vs.push(
      must(
        'C-LIST-3',
        `with a ${s.write.operationId} between the first two pages, the walk missed ${missing.length} item(s) that existed before it: ${missing.slice(0, 3).join(', ')}`,
        `${s.expectedIds.length} items`,
        missing.slice(0, 10),
      ),
    );
  if (vs.length) report(vs, lastReq, sender);
}

/** The write between the pages, judged like every step; its own outcome is the other kinds' to judge. */
async function interleave(s: InterleavedPageWalk, ctx: Steps['ctx'], judged: Steps['judged']): Promise<void> {
  const op = ctx.contract.byId.get(s.write.operationId)!;
  const isTransfer = s.write.operationId === 'createTransfer';
  const amount = uniqueAmount(ctx, 3_000_000, 900_000, 5);
  const ref: ResourceRef = s.write.ref.kind === 'pair' ? { ...s.write.ref, amount } : s.write.ref;
  const expect: Expectation = expectOutcome(op, ctx.keys.get(s.keyId)!, ref, { credential: 'key' });
  await judged({
    req: post(s.write.path, isTransfer ? { ...s.write.body, amount_in_cents: amount } : s.write.body),
    keyId: s.keyId,
    operationId: op.operationId,
    expect,
  });
}

export default defineScenarioKind({
  kind: 'interleaved_page_walk',
  check: {
    id: 'pages_hold_under_writes',
    clauses: ['C-LIST-3'],
    description:
      'With a transfer or execution created between two pages, walking on returns every item that existed before exactly once, newest first.',
  },
  group: 'lists',
  writes: 'acts',
  judgesSteps: true,
  build,
  resource: (s) => `${s.path}?${s.query.map(([k, v]) => `${k}=${v}`).join('&')}&first=${s.first}`,
  requests: (s) => Math.ceil(s.expectedIds.length / s.first) + 2,
  because: (s) => `a ${s.write.operationId} between two pages changes nothing of what the walk returns of older items`,
  run,
});
