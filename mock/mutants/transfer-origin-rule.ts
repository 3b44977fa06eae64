/** A user-created transfer is stored and answered with origin `rule` (C-STATE-1). */
import { effects } from '../parts/effects.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-origin-rule',
  description: 'createTransfer answers 201 with a transfer whose origin is `rule` instead of `user`.',
  replaces: 'effects',
  clauses: ['C-STATE-1'],
  part: {
    ...effects,
    createTransfer(ctx, source, destination, amount, description) {
      const rec = effects.createTransfer(ctx, source, destination, amount, description);
      rec.origin = 'rule';
      return rec;
    },
  },
});
