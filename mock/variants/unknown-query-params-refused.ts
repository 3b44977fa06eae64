/** GET operations refuse query parameters they do not define (400); the contract leaves unknown parameters open. */
import { validators, type Validators } from '../parts/validators.ts';
import { fail, type Ctx } from '../types.ts';
import { defineVariant } from './define.ts';

const PAGE = ['first', 'after', 'from', 'to'];
const KNOWN: Record<string, string[]> = {
  listAccounts: ['type'],
  getAccount: [],
  listRules: ['source_id'],
  getRule: [],
  listRuleExecutions: ['rule_id', 'status', 'trigger_type', ...PAGE],
  getRuleExecution: [],
  listTransfers: ['account_id', 'account_role', 'direction', 'origin', 'status', ...PAGE],
  getTransfer: [],
  listCards: ['account_id', 'status', 'type'],
  getCard: [],
  listCardTransactions: ['direction', ...PAGE],
};

function strict<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) => {
    const known = KNOWN[ctx.op] ?? [];
    for (const name of ctx.query.values.keys())
      if (!known.includes(name)) return fail('invalid_request', `Unknown query parameter '${name}'.`) as T;
    return v(ctx);
  };
}

const part = Object.fromEntries(
  Object.entries(validators).map(([op, v]) => [op, op in KNOWN ? strict(v as (ctx: Ctx) => unknown) : v]),
) as unknown as Validators;

export default defineVariant({
  id: 'unknown-query-params-refused',
  description:
    'A GET with a query parameter its operation does not define gets 400 invalid_request instead of the parameter being ignored.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part,
});
