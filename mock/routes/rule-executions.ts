/**
 * Rule executions router: listRuleExecutions (request-addressed by `rule_id`, paged) and
 * getRuleExecution (object-addressed by the execution's `rule_id`: 404 before 403).
 */
import { ok } from '../types.ts';
import { notFound, type Router } from './types.ts';

/** Default rule-executions router. */
export const ruleExecutionsRouter: Router<'listRuleExecutions' | 'getRuleExecution'> = {
  listRuleExecutions(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.listRuleExecutions(ctx);
    if (!v.ok) return v;
    const ruleId = v.value.ruleId;
    if (ruleId !== undefined) {
      const denied = parts.resourceGuard(ctx, 'READ_RULE_EXECUTIONS', ruleId);
      if (denied) return denied;
      if (!parts.lookup.rule(store, ctx.key.org, ruleId)) return notFound();
    }
    const sel = parts.filters.listRuleExecutions(store, ctx.key.org, v.value);
    const page = parts.paginate.page(ctx.op, sel.base, sel.keep, v.value.first, v.value.after);
    return ok(
      200,
      page.items.map((e) => parts.serialize.execution(store, e)),
      page.pageInfo,
    );
  },
  getRuleExecution(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.getRuleExecution(ctx);
    if (!v.ok) return v;
    const execution = parts.lookup.execution(store, ctx.key.org, ctx.pathId as string);
    if (!execution) return notFound();
    const denied = parts.objectGuard(ctx, ctx.op, execution);
    if (denied) return denied;
    return ok(200, parts.serialize.execution(store, execution));
  },
};
