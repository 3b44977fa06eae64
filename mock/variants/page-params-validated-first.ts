/** Paged lists validate first/after/from/to before the required filter and the enums (order inside the 400 step is free). */
import { validators, type Validators } from '../parts/validators.ts';
import { fail, type Ctx } from '../types.ts';
import { defineVariant } from './define.ts';

/** A page-parameter check of its own, with its own wording, run before the operation's validator. */
function pageFirst<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) => {
    if (!ctx.query.malformed && ctx.query.repeated.size === 0) {
      const f = ctx.query.values.get('first');
      if (f !== undefined && !(/^[0-9]+$/.test(f) && Number(f) >= 1 && Number(f) <= 100))
        return fail('invalid_request', `first: expected 1..100, got "${f.slice(0, 20)}"`) as T;
      const a = ctx.query.values.get('after');
      if (a !== undefined && !ctx.parts.paginate.decodeCursor(ctx.op, a))
        return fail('invalid_request', 'after: unknown cursor') as T;
    }
    return v(ctx);
  };
}

export default defineVariant({
  id: 'page-params-validated-first',
  description:
    'first and after are checked before the required account_id/rule_id and the enum filters: a request with both a bad first and no account_id gets 400 naming first.',
  replaces: 'validators',
  clauses: ['C-VAL-1', 'C-VAL-2'],
  part: {
    ...validators,
    listTransfers: pageFirst(validators.listTransfers),
    listRuleExecutions: pageFirst(validators.listRuleExecutions),
    listCardTransactions: pageFirst(validators.listCardTransactions),
  } satisfies Validators,
});
