/** Created transfers stay `processing` for an hour (C-STATE-1 fixes only the status at creation). */
import { effects } from '../parts/effects.ts';
import { formatTime } from '../prng.ts';
import type { TransferRec } from '../types.ts';
import { defineVariant } from './define.ts';

const HOUR = 60 * 60 * 1000;

export default defineVariant({
  id: 'transfers-settle-slowly',
  description: 'An ACH-like settlement: a created transfer is processing for an hour instead of two seconds.',
  replaces: 'effects',
  clauses: ['C-STATE-1'],
  part: {
    ...effects,
    createTransfer(ctx, source, destination, amount, description) {
      const { store } = ctx;
      const createdMs = store.nextCreatedMs(ctx.now);
      const rec: TransferRec = {
        org: ctx.key.org,
        id: store.newId('txr_'),
        amount_in_cents: amount,
        direction:
          source.type === 'external_account'
            ? 'money_in'
            : destination.type === 'external_account'
              ? 'money_out'
              : 'internal',
        origin: 'user',
        status: 'processing',
        source_id: source.id,
        destination_id: destination.id,
        description,
        rule_execution_id: null,
        created_at: formatTime(createdMs),
        createdMs,
      };
      store.insertTransfer(rec, createdMs + HOUR);
      return rec;
    },
  },
});
