/** createTransfer swaps money_in and money_out for transfers touching an external account (C-STATE-1). */
import { effects } from '../parts/effects.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'external-direction-swapped',
  description: 'createTransfer labels pulls from an external account money_out and pushes to one money_in.',
  replaces: 'effects',
  clauses: ['C-STATE-1'],
  part: {
    ...effects,
    createTransfer(ctx, source, destination, amount, description) {
      const rec = effects.createTransfer(ctx, source, destination, amount, description);
      if (rec.direction === 'money_in') rec.direction = 'money_out';
      else if (rec.direction === 'money_out') rec.direction = 'money_in';
      return rec;
    },
  },
});
