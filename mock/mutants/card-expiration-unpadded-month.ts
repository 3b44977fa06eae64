/** Card `expiration_date` written without the leading zero of the month (`9/28`) (C-SHAPE, C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'card-expiration-unpadded-month',
  description:
    'expiration_date is formatted as `${month}/${yy}` without padding, so September 2028 reads 9/28 instead of 09/28.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    card: (store, c) => {
      const j = serialize.card(store, c);
      return { ...j, expiration_date: String(j.expiration_date).replace(/^0/, '') };
    },
  },
});
