/** createTransfer with a string amount_in_cents crashes with 500 (C-BODY-3). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

function amountOf(raw: string | undefined): unknown {
  try {
    const b = JSON.parse(raw ?? '') as unknown;
    return typeof b === 'object' && b !== null ? (b as Record<string, unknown>).amount_in_cents : undefined;
  } catch {
    return undefined;
  }
}

export default defineMutant({
  id: 'amount-string-crashes',
  description:
    'The validator rounds amount_in_cents with a number method before checking its type; a string amount throws and the request gets 500.',
  replaces: 'validators',
  clauses: ['C-BODY-3'],
  part: {
    ...validators,
    createTransfer(ctx) {
      const amount = amountOf(ctx.body);
      if (amount !== undefined && amount !== null) (amount as number).toFixed(0);
      return validators.createTransfer(ctx);
    },
  },
});
