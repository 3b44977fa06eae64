/** triggerRule treats a JSON `null` body like an empty one (C-VAL-4). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'trigger-null-body-as-empty',
  description:
    'triggerRule parses the body with `JSON.parse(raw) ?? {}`: a body of `null`, which is not a JSON object, triggers the rule (202) instead of 400.',
  replaces: 'validators',
  clauses: ['C-VAL-4'],
  part: {
    ...validators,
    triggerRule: (ctx) => validators.triggerRule(ctx.body?.trim() === 'null' ? { ...ctx, body: '' } : ctx),
  },
});
