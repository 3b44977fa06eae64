/** A query parameter value over 200 characters makes the validator throw: 500 (C-BODY-3). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

function guard<F extends (ctx: Ctx) => unknown>(f: F): F {
  return ((ctx: Ctx) => {
    for (const v of ctx.query.values.values()) if (v.length > 200) throw new RangeError('value too long for the index');
    return f(ctx);
  }) as F;
}

const part = Object.fromEntries(
  Object.entries(validators).map(([k, f]) => [k, k === 'triggerAmountForRule' ? f : guard(f as (ctx: Ctx) => unknown)]),
) as unknown as Validators;

export default defineMutant({
  id: 'long-query-value-crashes',
  description:
    'A fixed-size buffer for query values: any query parameter over 200 characters (a long cursor, ID or date) throws, answered 500.',
  replaces: 'validators',
  clauses: ['C-BODY-3'],
  part,
});
