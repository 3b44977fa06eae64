/** A transfer without a description reads `description: ""` (a string; C-SHAPE allows string or null). */
import { serialize } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'transfer-description-empty-string',
  description:
    'The description column is NOT NULL DEFAULT "", so transfers created without one (or with null) read description "" instead of null.',
  replaces: 'serialize',
  clauses: ['C-VAL-3'],
  part: { ...serialize, transfer: (s, t) => ({ ...serialize.transfer(s, t), description: t.description ?? '' }) },
});
