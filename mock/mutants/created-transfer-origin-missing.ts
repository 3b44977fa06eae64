/** Transfers with origin `user` are serialized without `origin` (C-STATE-1, C-SHAPE). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'created-transfer-origin-missing',
  description:
    'The serializer drops `origin` when it is `user` (treated as the default): createTransfer answers and reads of created transfers lack the field.',
  replaces: 'serialize',
  clauses: ['C-STATE-1', 'C-BODY-1'],
  part: {
    ...serialize,
    transfer: (store, t) => {
      const out = serialize.transfer(store, t) as Record<string, unknown>;
      if (t.origin === 'user') delete out.origin;
      return out as never;
    },
  },
});
