/** Account `balance_in_cents` is serialized as a string (C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'account-balance-string',
  description: 'Schema drift: balance_in_cents is a decimal string ("12345") instead of an integer.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    account: (store, a) => ({ ...serialize.account(store, a), balance_in_cents: String(a.balance_in_cents) }),
  },
});
