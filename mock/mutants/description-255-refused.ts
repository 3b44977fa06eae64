/** A description of exactly 255 characters is refused (off by one, C-VAL-3). */
import { validators, type Validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

const part: Validators = {
  ...validators,
  createTransfer: (ctx) => {
    const v = validators.createTransfer(ctx);
    if (v.ok && v.value.description !== null && [...v.value.description].length >= 255)
      return { ok: false, kind: 'invalid_request', message: 'description must be shorter than 255 characters.' };
    return v;
  },
};

export default defineMutant({
  id: 'description-255-refused',
  description: 'The description limit is checked with >= 255: a description of exactly 255 characters gets 400.',
  replaces: 'validators',
  clauses: ['C-VAL-3'],
  part,
});
