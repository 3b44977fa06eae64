/** A triggered execution is already `executed` when first read (C-STATE-2: in_progress only "until" it finishes). */
import { effects } from '../parts/effects.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'executions-complete-instantly',
  description: 'triggerRule runs the rule synchronously: the execution it answers reads back as executed at once.',
  replaces: 'effects',
  clauses: ['C-STATE-2'],
  part: {
    ...effects,
    triggerRule(ctx, rule, amount) {
      const rec = effects.triggerRule(ctx, rule, amount);
      rec.status = 'executed';
      return rec;
    },
  },
});
