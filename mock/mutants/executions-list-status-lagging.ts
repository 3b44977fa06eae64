/** listRuleExecutions without a status filter reads a replica that refreshes statuses late: a settled execution is listed in_progress for seconds (C-STATE-2). */
import { routers } from '../routes/index.ts';
import { ruleExecutionsRouter } from '../routes/rule-executions.ts';
import { defineMutant } from './define.ts';

/** How long after its creation the replica still shows an execution as it was created. */
const STALE_MS = 4000;

/** The reference handler, then the fault: recent executions listed with their first status. */
const listRuleExecutions: typeof ruleExecutionsRouter.listRuleExecutions = (ctx) => {
  const out = ruleExecutionsRouter.listRuleExecutions(ctx);
  if (!out.ok || ctx.query.values.has('status') || !Array.isArray(out.data)) return out;
  const data = out.data.map((item) => {
    const rec = ctx.store.executions.get(String((item as { id?: unknown }).id));
    return rec && ctx.now - rec.createdMs < STALE_MS ? { ...(item as object), status: 'in_progress' } : item;
  });
  return { ...out, data };
};

export default defineMutant({
  id: 'executions-list-status-lagging',
  description:
    'listRuleExecutions without a status filter is served by a read replica whose statuses lag four seconds: an execution getRuleExecution already shows executed is still listed in_progress.',
  replaces: 'routers',
  clauses: ['C-STATE-2'],
  part: { ...routers, ruleExecutions: { ...ruleExecutionsRouter, listRuleExecutions } },
});
