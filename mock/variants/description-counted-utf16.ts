/** description length counted in UTF-16 code units (JavaScript's .length), not code points (docs/contract-notes.md item 3: not judged). */
import { validators } from '../parts/validators.ts';
import { fail } from '../types.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'description-counted-utf16',
  description:
    'description.length > 255 refuses, counting UTF-16 units: the same as code points for every BMP character (255 × é is accepted, 256 × d refused); only astral characters differ.',
  replaces: 'validators',
  clauses: ['C-VAL-3'],
  part: {
    ...validators,
    createTransfer(ctx) {
      const r = validators.createTransfer(ctx);
      if (r.ok && typeof r.value.description === 'string' && r.value.description.length > 255)
        return fail('invalid_request', 'description is too long (255 max).');
      return r;
    },
  },
});
