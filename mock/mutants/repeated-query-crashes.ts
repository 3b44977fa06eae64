/** List validators read a repeated query parameter as an array and crash on it (C-BODY-3). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const LISTS = [
  'listAccounts',
  'listRules',
  'listRuleExecutions',
  'listTransfers',
  'listCards',
  'listCardTransactions',
] as const;

function rejectArrays(ctx: Ctx): void {
  for (const name of ctx.query.repeated) (ctx.query.values.get(name) as unknown as string[]).join(',').trim();
}

const part = { ...validators } as Record<string, unknown>;
for (const name of LISTS) {
  const original = validators[name] as (ctx: Ctx) => unknown;
  part[name] = (ctx: Ctx) => {
    if (ctx.query.repeated.size > 0) rejectArrays(ctx);
    return original(ctx);
  };
}

export default defineMutant({
  id: 'repeated-query-crashes',
  description:
    'The list validators expect a parameter given twice to arrive as an array and call an array method on it; on a string it throws, and `?first=5&first=6` gets 500 where the contract asks for 400.',
  replaces: 'validators',
  clauses: ['C-BODY-3'],
  part: part as unknown as Validators,
});
