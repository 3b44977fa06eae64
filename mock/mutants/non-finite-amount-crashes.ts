/** createTransfer takes a BigInt path for amounts past 2^53 before it checks them: `1e309` (Infinity) throws, and the request gets 500 (C-BODY-3). */
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
  id: 'non-finite-amount-crashes',
  description:
    'The validator sends amounts past 2^53 down a BigInt path before checking them: `1e309` parses as Infinity, BigInt throws, and the request gets 500 where the contract asks for 400.',
  replaces: 'validators',
  clauses: ['C-BODY-3'],
  part: {
    ...validators,
    createTransfer(ctx) {
      const amount = amountOf(ctx.body);
      if (typeof amount === 'number' && Math.abs(amount) > Number.MAX_SAFE_INTEGER) BigInt(amount);
      return validators.createTransfer(ctx);
    },
  },
});
