/** A manually triggered execution is recorded with trigger_type `scheduled` (C-STATE-2). */
import { effects } from '../parts/effects.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'execution-trigger-scheduled',
  description:
    'triggerRule answers 202, but the execution it starts reads back with trigger_type `scheduled` instead of `manual`.',
  replaces: 'effects',
  clauses: ['C-STATE-2'],
  part: {
    ...effects,
    triggerRule(ctx, rule, amount) {
      const rec = effects.triggerRule(ctx, rule, amount);
      rec.trigger_type = 'scheduled';
      rec.trigger_details = { type: 'scheduled', scheduled_for: rec.created_at };
      return rec;
    },
  },
});
