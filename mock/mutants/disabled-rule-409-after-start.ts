/** triggerRule starts the execution before it checks the rule's status: a disabled rule answers 409 but runs (C-STATE-3, C-PERM-7). */
import { rulesRouter } from '../routes/rules.ts';
import { routers } from '../routes/index.ts';
import { notFound } from '../routes/types.ts';
import { ok } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'disabled-rule-409-after-start',
  description:
    'The rule status check runs after the execution was enqueued, so a disabled rule answers 409 rule_disabled yet an execution appears in its list.',
  replaces: 'routers',
  copies: { file: 'routes/rules.ts', handler: 'triggerRule', sha: '678fdf2e413c' },
  clauses: ['C-STATE-3', 'C-PERM-7'],
  part: {
    ...routers,
    rules: {
      ...rulesRouter,
      triggerRule(ctx) {
        const { parts, store } = ctx;
        const v = parts.validators.triggerRule(ctx);
        if (!v.ok) return v;
        const id = ctx.pathId as string;
        const denied = parts.resourceGuard(ctx, 'TRIGGER_RULES', id);
        if (denied) return denied;
        const rule = parts.lookup.rule(store, ctx.key.org, id);
        if (!rule) return notFound();
        const badAmount = parts.validators.triggerAmountForRule(rule, v.value);
        if (badAmount) return badAmount;
        const hit = parts.idempotency.check(ctx, v.value.body);
        if (hit.kind === 'replay') return ok(hit.status, hit.data);
        if (hit.kind !== 'miss') return hit;
        const execution = parts.effects.triggerRule(ctx, rule, v.value.amount);
        const closed = parts.ruleGate(rule);
        if (closed) return closed;
        const data = { execution_id: execution.id };
        parts.idempotency.remember(ctx, v.value.body, 202, data);
        return ok(202, data);
      },
    },
  },
});
