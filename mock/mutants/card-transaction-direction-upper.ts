/** Card transaction `direction` in upper case (`DEBIT`) (C-SHAPE, C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'card-transaction-direction-upper',
  description:
    "Card transactions carry the card network's direction verbatim, upper case (DEBIT/CREDIT) instead of debit/credit.",
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    cardTransaction: (store, x) => ({ ...serialize.cardTransaction(store, x), direction: x.direction.toUpperCase() }),
  },
});
