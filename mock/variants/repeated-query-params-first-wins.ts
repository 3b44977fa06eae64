/** A repeated query parameter takes its first value instead of 400 (the contract does not speak of repeats). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineVariant } from './define.ts';

const NO_REPEATS = new Set<string>();
const wrap = <F extends (ctx: Ctx) => unknown>(f: F): F =>
  ((ctx: Ctx) => f({ ...ctx, query: { ...ctx.query, repeated: NO_REPEATS } })) as F;
const part = Object.fromEntries(
  Object.entries(validators).map(([k, f]) => [k, k === 'triggerAmountForRule' ? f : wrap(f as (ctx: Ctx) => unknown)]),
) as unknown as Validators;

export default defineVariant({
  id: 'repeated-query-params-first-wins',
  description:
    'A parameter given twice (account_id=a&account_id=b) is not refused: the first value counts, as in many web frameworks.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part,
});
