/** Enum query parameters are matched case-insensitively, so `status=ACTIVE` is accepted (C-VAL-2). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const ENUM_PARAMS = ['type', 'status', 'direction', 'origin', 'account_role', 'trigger_type'];

function lowered<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) => {
    let values: Map<string, string> | undefined;
    for (const name of ENUM_PARAMS) {
      const value = ctx.query.values.get(name);
      if (value !== undefined && value !== value.toLowerCase())
        (values ??= new Map(ctx.query.values)).set(name, value.toLowerCase());
    }
    return v(values ? { ...ctx, query: { ...ctx.query, values } } : ctx);
  };
}

const part: Validators = {
  ...validators,
  listAccounts: lowered(validators.listAccounts),
  listTransfers: lowered(validators.listTransfers),
  listRuleExecutions: lowered(validators.listRuleExecutions),
  listCards: lowered(validators.listCards),
  listCardTransactions: lowered(validators.listCardTransactions),
};

export default defineMutant({
  id: 'enum-case-insensitive',
  description:
    'Enum filters are lower-cased before the check: status=ACTIVE, direction=Money_In or account_role=SOURCE are accepted (200) instead of 400.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part,
});
