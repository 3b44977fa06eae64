/** createTransfer limits `description` to 255 UTF-8 bytes instead of 255 characters (C-VAL-3). */
import { validators } from '../parts/validators.ts';
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'description-counted-in-bytes',
  description:
    'The description limit is applied to the UTF-8 byte length (a VARCHAR(255) column), so 255 × "é" is refused with 400.',
  replaces: 'validators',
  // The suite expects 201 for 255 × "é"; its status check cites the success clause C-STATE-1.
  clauses: ['C-VAL-3', 'C-STATE-1'],
  part: {
    ...validators,
    createTransfer(ctx) {
      const v = validators.createTransfer(ctx);
      if (v.ok && v.value.description !== null && Buffer.byteLength(v.value.description) > 255)
        return fail('invalid_request', 'description must be at most 255 characters.');
      return v;
    },
  },
});
