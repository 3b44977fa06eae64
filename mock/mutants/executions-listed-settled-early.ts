/** listRuleExecutions without a status filter reads a projection written when an execution is scheduled: a running execution is listed executed (C-STATE-2). */
import { routers } from '../routes/index.ts';
import { ruleExecutionsRouter } from '../routes/rule-executions.ts';
import { defineMutant } from './define.ts';

/** The reference handler, then the fault: executions still running are listed with the outcome the projection expects. */
const listRuleExecutions: typeof ruleExecutionsRouter.listRuleExecutions = (ctx) => {
  const out = ruleExecutionsRouter.listRuleExecutions(ctx);
  if (!out.ok || ctx.query.values.has('status') || !Array.isArray(out.data)) return out;
  const data = out.data.map((item) =>
    (item as { status?: unknown }).status === 'in_progress' ? { ...(item as object), status: 'executed' } : item,
  );
  return { ...out, data };
};

export default defineMutant({
  id: 'executions-listed-settled-early',
  description:
    'listRuleExecutions without a status filter is served by a projection that records the expected outcome when an execution is scheduled: an execution getRuleExecution still shows in_progress is listed executed.',
  replaces: 'routers',
  clauses: ['C-STATE-2'],
  part: { ...routers, ruleExecutions: { ...ruleExecutionsRouter, listRuleExecutions } },
});
