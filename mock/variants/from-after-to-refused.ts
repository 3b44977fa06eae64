/** `from` later than `to` is refused with 400 (the contract does not say; the reference mock answers an empty page). */
import { validators, type Validators } from '../parts/validators.ts';
import { defineVariant } from './define.ts';

type AnyValid = { ok: boolean; value?: { fromMs?: number; toMs?: number } };
const bad = {
  ok: false as const,
  kind: 'invalid_request' as const,
  message: "Query parameter 'from' is later than 'to'.",
};
function check<T>(v: T): T {
  const x = v as unknown as AnyValid;
  return x.ok && x.value?.fromMs !== undefined && x.value.toMs !== undefined && x.value.fromMs > x.value.toMs
    ? (bad as unknown as T)
    : v;
}

const part: Validators = {
  ...validators,
  listTransfers: (ctx) => check(validators.listTransfers(ctx)),
  listRuleExecutions: (ctx) => check(validators.listRuleExecutions(ctx)),
  listCardTransactions: (ctx) => check(validators.listCardTransactions(ctx)),
};

export default defineVariant({
  id: 'from-after-to-refused',
  description: 'A date range with from > to is 400 invalid_request instead of an empty page.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part,
});
