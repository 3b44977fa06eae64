/** A created transfer to an external account says `internal` (C-STATE-1). */
import { effects } from '../parts/effects.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'created-transfer-to-external-internal',
  description:
    'Direction is derived from the source only: a transfer from a pod or income source to an external account is `internal` instead of `money_out`.',
  replaces: 'effects',
  clauses: ['C-STATE-1'],
  part: {
    ...effects,
    createTransfer(ctx, source, destination, amount, description) {
      const rec = effects.createTransfer(ctx, source, destination, amount, description);
      if (rec.direction === 'money_out') rec.direction = 'internal';
      return rec;
    },
  },
});
