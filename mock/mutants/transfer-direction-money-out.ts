/** The direction of a created transfer only looks at the source: internal transfers become money_out (C-STATE-1). */
import { effects } from '../parts/effects.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-direction-money-out',
  description:
    'createTransfer labels every transfer whose source is not external as money_out, so internal transfers get the wrong direction.',
  replaces: 'effects',
  clauses: ['C-STATE-1'],
  part: {
    ...effects,
    createTransfer(ctx, source, destination, amount, description) {
      const rec = effects.createTransfer(ctx, source, destination, amount, description);
      rec.direction = source.type === 'external_account' ? 'money_in' : 'money_out';
      return rec;
    },
  },
});
