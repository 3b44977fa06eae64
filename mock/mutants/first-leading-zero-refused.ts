/** `first` written with a leading zero (`05`) is refused, though it is plain digits within 1..100 (C-VAL-2). */
import { validators } from '../parts/validators.ts';
import { fail, type Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

function strict<T>(v: (ctx: Ctx) => T): (ctx: Ctx) => T {
  return (ctx) =>
    /^0[0-9]/.test(ctx.query.values.get('first') ?? '')
      ? (fail('invalid_request', "Query parameter 'first' must be an integer from 1 to 100.") as T)
      : v(ctx);
}

export default defineMutant({
  id: 'first-leading-zero-refused',
  description:
    '`first` is parsed with the pattern ^[1-9][0-9]*$, so first=05 or first=010 gets 400 although they are plain digits within 1..100.',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part: {
    ...validators,
    listTransfers: strict(validators.listTransfers),
    listRuleExecutions: strict(validators.listRuleExecutions),
    listCardTransactions: strict(validators.listCardTransactions),
  },
});
