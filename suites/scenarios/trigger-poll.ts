/**
 * Trigger, then poll (C-STATE-2): triggering an enabled rule answers 202 with a `rex_` execution
 * ID that is then readable (manual, of that rule, with a status of the contract), by exactly the
 * keys the oracle says, and listed for the rule.
 */
import type { Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import type { Schemas } from '../../openapi/types.ts';
import type { Violation } from '../checks/types.ts';
import type { Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { dataOf, enabledRules, get, itemsOf, must, post, readbackPath, readersAgree, stateBasis } from './steps.ts';

/** A rule triggered by `keyId`, its execution read back. */
export interface TriggerPoll extends Scenario {
  kind: 'trigger_poll';
  ruleId: string;
  readers: string[];
  clause: 'C-STATE-2';
}

function build(ctx: MatrixCtx): TriggerPoll[] {
  const b = stateBasis(ctx);
  const rule = b && enabledRules(b.main)[0];
  if (!b?.trigger || !rule) return [];
  const path = b.trigger.path.replace('{id}', encodeURIComponent(rule.id));
  return [
    {
      id: contentId('s', { kind: 'trigger_poll', key: b.full.id, rule: rule.id }),
      kind: 'trigger_poll',
      operationId: b.trigger.operationId,
      path,
      keyId: b.full.id,
      ruleId: rule.id,
      readers: b.readers,
      clause: 'C-STATE-2',
    },
  ];
}

async function run(s: TriggerPoll, { ctx, send, report }: Steps): Promise<void> {
  const req = post(s.path, {});
  const res = await send(req, s.keyId);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const id = dataOf<Schemas['TriggerResult']>(res)?.execution_id;
  if (res.status !== 202 || typeof id !== 'string' || !id.startsWith('rex_')) {
    report(
      [
        must(
          'C-STATE-2',
          `triggerRule answered ${res.status} with execution_id ${JSON.stringify(id)}`,
          '202 with a rex_ execution_id',
          { status: res.status, execution_id: id ?? null },
        ),
      ],
      req,
      sender,
    );
    return;
  }
  const greq = get(readbackPath(ctx, s.operationId, id));
  const gres = await send(greq, s.keyId);
  const ex = dataOf<Schemas['RuleExecution']>(gres);
  const vs: Violation[] = [];
  if (gres.status !== 200 || !ex)
    vs.push(must('C-STATE-2', `the new execution ${id} answered ${gres.status}`, 200, gres.status));
  else {
    if (ex.rule_id !== s.ruleId)
      vs.push(must('C-STATE-2', `execution ${id} has rule_id ${String(ex.rule_id)}`, s.ruleId, ex.rule_id ?? null));
    if (ex.trigger_type !== 'manual')
      vs.push(
        must(
          'C-STATE-2',
          `execution ${id} has trigger_type ${String(ex.trigger_type)}`,
          'manual',
          ex.trigger_type ?? null,
        ),
      );
    if (!['in_progress', 'executed', 'partial', 'failed'].includes(String(ex.status)))
      vs.push(
        must(
          'C-STATE-2',
          `execution ${id} has status ${String(ex.status)}`,
          'in_progress|executed|partial|failed',
          ex.status ?? null,
        ),
      );
  }
  if (vs.length) report(vs, greq, sender);
  const org = ctx.keys.get(s.keyId)!.org;
  await readersAgree(
    ctx,
    { writeOp: s.operationId, id, org, links: [s.ruleId], readers: s.readers, clause: 'C-STATE-2' },
    send,
    report,
  );
  const lreq = get('/rule-executions', [
    ['rule_id', s.ruleId],
    ['first', '100'],
  ]);
  const lres = await send(lreq, s.keyId);
  if (!itemsOf(lres).some((i) => i.id === id))
    report(
      [
        must(
          'C-STATE-2',
          `listRuleExecutions for ${s.ruleId} does not include ${id}`,
          id,
          itemsOf(lres)
            .slice(0, 5)
            .map((i) => i.id),
        ),
      ],
      lreq,
      sender,
    );
}

export default defineScenarioKind({
  kind: 'trigger_poll',
  check: {
    id: 'triggered_execution_readable',
    clauses: ['C-STATE-2', 'C-PERM-5'],
    description:
      'A triggered rule gives 202 with an execution ID that is then readable, manual, and listed for the rule.',
  },
  group: 'state',
  writes: 'acts',
  build,
  resource: (s) => s.ruleId,
  requests: (s) => 4 + s.readers.length,
  because: () => 'a triggered execution is readable and listed for its rule',
  run,
});
