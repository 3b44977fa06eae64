/** listRuleExecutions skips the existence check and reads executions by rule ID alone: another organization's rule lists its executions (C-ORG-1, C-ORG-2). */
import { ruleExecutionsRouter } from '../routes/rule-executions.ts';
import { routers } from '../routes/index.ts';
import { notFound } from '../routes/types.ts';
import { ok } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'executions-foreign-rule-listed',
  description:
    "listRuleExecutions checks the key's list and then reads the per-rule index directly, without looking the rule up in the key's organization: with `*`, another organization's rule ID answers 200 with its executions.",
  replaces: 'routers',
  copies: { file: 'routes/rule-executions.ts', handler: 'listRuleExecutions', sha: '93acbfe068cf' },
  clauses: ['C-ORG-1', 'C-ORG-2', 'C-FOUND-1'],
  part: {
    ...routers,
    ruleExecutions: {
      ...ruleExecutionsRouter,
      listRuleExecutions(ctx) {
        const { parts, store } = ctx;
        const v = parts.validators.listRuleExecutions(ctx);
        if (!v.ok) return v;
        const ruleId = v.value.ruleId as string;
        const denied = parts.resourceGuard(ctx, 'READ_RULE_EXECUTIONS', ruleId);
        if (denied) return denied;
        const rule = store.rules.get(ruleId);
        if (!rule) return notFound();
        const sel = parts.filters.listRuleExecutions(store, rule.org, v.value);
        const page = parts.paginate.page(ctx.op, sel.base, sel.keep, v.value.first, v.value.after);
        return ok(
          200,
          page.items.map((e) => parts.serialize.execution(store, e)),
          page.pageInfo,
        );
      },
    },
  },
});
