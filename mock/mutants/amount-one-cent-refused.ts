/** amount_in_cents 1 is refused (minimum taken as 2, C-VAL-3). */
import { validators, type Validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

const part: Validators = {
  ...validators,
  createTransfer: (ctx) => {
    const v = validators.createTransfer(ctx);
    return v.ok && v.value.amount <= 1
      ? { ok: false, kind: 'invalid_request', message: 'amount_in_cents must be greater than 1.' }
      : v;
  },
};

export default defineMutant({
  id: 'amount-one-cent-refused',
  description:
    'amount_in_cents must be > 1: a 1-cent transfer gets 400 (validation runs before the pair check, so a 1-cent request a pair entry refuses gets 400 instead of 403).',
  replaces: 'validators',
  clauses: ['C-VAL-3', 'C-PERM-6'],
  part,
});
