/** first=100 is refused (range taken as 1..99, C-VAL-2). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const bad = {
  ok: false as const,
  kind: 'invalid_request' as const,
  message: "Query parameter 'first' must be below 100.",
};
const over = (ctx: Ctx) => Number(ctx.query.values.get('first') ?? '0') >= 100;

const part: Validators = {
  ...validators,
  listTransfers: (ctx) => (over(ctx) ? bad : validators.listTransfers(ctx)),
  listRuleExecutions: (ctx) => (over(ctx) ? bad : validators.listRuleExecutions(ctx)),
  listCardTransactions: (ctx) => (over(ctx) ? bad : validators.listCardTransactions(ctx)),
};

export default defineMutant({
  id: 'first-100-refused',
  description: 'The page-size check uses < 100: first=100 gets 400.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part,
});
