/** A created transfer starts as `pending_approval` (C-STATE-1 allows it beside `processing`). */
import { effects } from '../parts/effects.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'transfers-pending-approval',
  description:
    'createTransfer answers 201 with status pending_approval; the transfer stays there (approval happens elsewhere).',
  replaces: 'effects',
  clauses: ['C-STATE-1'],
  part: {
    ...effects,
    createTransfer(ctx, source, destination, amount, description) {
      const rec = effects.createTransfer(ctx, source, destination, amount, description);
      rec.status = 'pending_approval';
      return rec;
    },
  },
});
