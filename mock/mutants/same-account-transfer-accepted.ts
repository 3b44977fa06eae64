/** A transfer from an account to itself passes validation (C-VAL-3). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'same-account-transfer-accepted',
  description:
    'createTransfer does not refuse equal source_account_id and destination_account_id; the transfer is created (201) or refused later (403) instead of 400.',
  replaces: 'validators',
  clauses: ['C-VAL-3'],
  part: {
    ...validators,
    createTransfer(ctx) {
      let b: unknown;
      try {
        b = JSON.parse(ctx.body ?? '');
      } catch {
        return validators.createTransfer(ctx);
      }
      const o = b as Record<string, unknown> | null;
      if (
        typeof o !== 'object' ||
        o === null ||
        Array.isArray(o) ||
        typeof o.source_account_id !== 'string' ||
        o.source_account_id !== o.destination_account_id
      )
        return validators.createTransfer(ctx);
      const v = validators.createTransfer({
        ...ctx,
        body: JSON.stringify({ ...o, destination_account_id: `${o.source_account_id}~` }),
      });
      return v.ok ? { ok: true, value: { ...v.value, destination: o.source_account_id, body: o } } : v;
    },
  },
});
