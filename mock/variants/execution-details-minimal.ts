/** A manual execution's trigger_details holds only `type` when no amount was sent (C-SHAPE: "at least type"). */
import { effects } from '../parts/effects.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'execution-details-minimal',
  description:
    'trigger_details of a manual execution is {type: "manual"} without manual_execute_amount when the trigger sent none (instead of manual_execute_amount: null).',
  replaces: 'effects',
  clauses: ['C-STATE-2'],
  part: {
    ...effects,
    triggerRule(ctx, rule, amount) {
      const rec = effects.triggerRule(ctx, rule, amount);
      if (amount === null) rec.trigger_details = { type: 'manual' } as typeof rec.trigger_details;
      return rec;
    },
  },
});
