/** Accounts lack `can_be_destination` (C-SHAPE, C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'account-can-be-destination-missing',
  description: 'The account serializer forgets can_be_destination (only can_be_source is written).',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    account: (store, a) => {
      const { can_be_destination: _drop, ...rest } = serialize.account(store, a);
      return rest;
    },
  },
});
