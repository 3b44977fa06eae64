/** Card `last_four` is serialized as `last4` (C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'card-last-four-renamed',
  description: 'Schema drift: Card objects carry `last4` instead of the required `last_four`.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    card(store, c) {
      const { last_four, ...rest } = serialize.card(store, c);
      return { ...rest, last4: last_four };
    },
  },
});
