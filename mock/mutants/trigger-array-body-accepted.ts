/** triggerRule accepts a JSON array body as if empty (C-VAL-4). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'trigger-array-body-accepted',
  description:
    'The trigger body is read with `typeof body === "object"`, so a JSON array ([] or [1]) is taken as an empty options object and the rule runs.',
  replaces: 'validators',
  clauses: ['C-VAL-4'],
  part: {
    ...validators,
    triggerRule(ctx) {
      try {
        if (Array.isArray(JSON.parse(ctx.body ?? ''))) return validators.triggerRule({ ...ctx, body: '{}' });
      } catch {
        /* the default reports it */
      }
      return validators.triggerRule(ctx);
    },
  },
});
