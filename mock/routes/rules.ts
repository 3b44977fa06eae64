/**
 * Rules router: listRules (whole organization, C-PERM-2b), getRule and triggerRule
 * (request-addressed). triggerRule order (C-VAL-4): body 400, rule-ID 403, 404, non-MANUAL
 * amount 400, idempotent replay, disabled 409, then the execution starts (202).
 */
import { ok } from '../types.ts';
import { notFound, type Router } from './types.ts';

/** Default rules router. */
export const rulesRouter: Router<'listRules' | 'getRule' | 'triggerRule'> = {
  listRules(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.listRules(ctx);
    if (!v.ok) return v;
    return ok(
      200,
      parts.filters.listRules(store, ctx.key.org, v.value).map((r) => parts.serialize.ruleSummary(store, r)),
    );
  },
  getRule(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.getRule(ctx);
    if (!v.ok) return v;
    const id = ctx.pathId as string;
    const denied = parts.resourceGuard(ctx, 'READ_RULES', id);
    if (denied) return denied;
    const rule = parts.lookup.rule(store, ctx.key.org, id);
    if (!rule) return notFound();
    return ok(200, parts.serialize.rule(store, rule));
  },
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
    const closed = parts.ruleGate(rule);
    if (closed) return closed;
    const execution = parts.effects.triggerRule(ctx, rule, v.value.amount);
    const data = { execution_id: execution.id };
    parts.idempotency.remember(ctx, v.value.body, 202, data);
    return ok(202, data);
  },
};
