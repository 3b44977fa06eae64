/**
 * An execution polled until it settles (C-STATE-2 "from then on"): after triggerRule, the
 * execution is read again and again until its status is final, and at each step
 * listRuleExecutions for the rule lists it with a status the reads around it agree with (the
 * status read just before or just after the list). The polling stops at the budget (15 s; 0.5 s on
 * the embedded mock, whose executions settle after 2 s: there agreement is judged while they run);
 * an execution that has not settled by then is not judged on settling.
 */
import type { ResourceRef, Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { expectOutcome } from '../../generators/oracle.ts';
import type { Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { dataOf, enabledRules, get, itemsOf, must, post, readbackPath, stateBasis, statusFor } from './steps.ts';

/** The wait between two polls. */
const POLL_MS = 250;
const FINAL = new Set(['executed', 'partial', 'failed']);

/** A rule triggered, then its execution polled with the list read between two reads. */
export interface ExecutionSettles extends Scenario {
  kind: 'execution_settles';
  ruleId: string;
  ref: ResourceRef;
  /** How long it polls at most (the matrix's settleBudgetMs). */
  budgetMs: number;
  clause: 'C-STATE-2';
}

function build(ctx: MatrixCtx): ExecutionSettles[] {
  const b = stateBasis(ctx);
  const rule = b && enabledRules(b.main)[0];
  if (!b?.trigger || !rule) return [];
  const ref: ResourceRef = {
    kind: 'id',
    ref: { id: rule.id, org: b.main.org, status: 'enabled', trigger_type: rule.trigger_type as 'MANUAL' },
  };
  if (statusFor(b.trigger, b.full, ref) !== 202) return [];
  return [
    {
      id: contentId('s', { kind: 'execution_settles', key: b.full.id, rule: rule.id }),
      kind: 'execution_settles',
      operationId: b.trigger.operationId,
      keyId: b.full.id,
      path: b.trigger.path.replace('{id}', encodeURIComponent(rule.id)),
      ruleId: rule.id,
      ref,
      budgetMs: ctx.opts.settleBudgetMs,
      clause: 'C-STATE-2',
    },
  ];
}

async function run(s: ExecutionSettles, { ctx, judged, report }: Steps): Promise<void> {
  const op = ctx.contract.byId.get(s.operationId)!;
  const expect = expectOutcome(op, ctx.keys.get(s.keyId)!, s.ref, { credential: 'key' });
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const r = await judged({ req: post(s.path, {}), keyId: s.keyId, operationId: s.operationId, expect });
  const id = dataOf(r)?.execution_id;
  if (r.status !== 202 || typeof id !== 'string') return;
  const readOp = ctx.contract.byId.get(op.effect!.readback)!;
  const readReq = get(readbackPath(ctx, s.operationId, id));
  const listReq = get('/rule-executions', [
    ['rule_id', s.ruleId],
    ['first', '100'],
  ]);
  const read = async (): Promise<string | undefined> => {
    const res = await judged({ req: readReq, keyId: s.keyId, operationId: readOp.operationId, expect: null });
    if (res.status !== 200) {
      report(
        [must('C-STATE-2', `reading ${id} while polling answered ${res.status}`, 200, res.status)],
        readReq,
        sender,
      );
      return undefined;
    }
    const st = dataOf(res)?.status;
    return typeof st === 'string' ? st : undefined;
  };
  const t0 = performance.now();
  let before = await read();
  for (let step = 1; before !== undefined && performance.now() - t0 < s.budgetMs; step++) {
    const list = await judged({ req: listReq, keyId: s.keyId, operationId: 'listRuleExecutions', expect: null });
    const after = await read();
    if (after === undefined) return;
    const listed = itemsOf(list).find((i) => i.id === id);
    if (list.status === 200 && !listed) {
      report(
        [must('C-STATE-2', `poll ${step}: listRuleExecutions for ${s.ruleId} does not list ${id}`, id, null)],
        listReq,
        sender,
      );
      return;
    }
    if (listed && listed.status !== before && listed.status !== after) {
      report(
        [
          must(
            'C-STATE-2',
            `poll ${step}: listRuleExecutions lists ${id} as ${String(listed.status)} between two reads that say ${before} and ${after}`,
            [...new Set([before, after])].join(' or '),
            listed.status ?? null,
          ),
        ],
        listReq,
        sender,
      );
      return;
    }
    if (FINAL.has(after) && FINAL.has(String(listed?.status))) return;
    before = after;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export default defineScenarioKind({
  kind: 'execution_settles',
  check: {
    id: 'execution_list_agrees',
    clauses: ['C-STATE-2'],
    description:
      'A triggered execution polled until it settles is readable at every step, and listRuleExecutions lists it with the status the reads around it show.',
  },
  group: 'state',
  writes: 'acts',
  startsEarly: true,
  judgesSteps: true,
  build,
  resource: (s) => `${s.path}, polled until it settles (at most ${s.budgetMs} ms)`,
  requests: () => 1 + 3 * 6,
  because: () => 'from the trigger on, the execution and its listing agree until it settles',
  run,
});
