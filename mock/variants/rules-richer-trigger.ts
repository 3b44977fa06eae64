/** Rules carry more detail: trigger.schedule / trigger.min_amount_in_cents, and each step has an id and a description. */
import { serialize, type Json } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'rules-richer-trigger',
  description:
    'getRule adds trigger fields (schedule for SCHEDULED rules, min_amount_in_cents, timezone) and an id, position and description to every step; listRules items add last_executed_at (null).',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    ruleSummary: (s, r) => ({ ...serialize.ruleSummary(s, r), last_executed_at: null }),
    rule: (s, r) => {
      const j = serialize.rule(s, r);
      const trigger = {
        ...(j.trigger as Json),
        timezone: 'America/New_York',
        min_amount_in_cents: null,
        ...(r.trigger_type === 'SCHEDULED' ? { schedule: { frequency: 'MONTHLY', day_of_month: 1 } } : {}),
      };
      const steps = (j.steps as Json[]).map((st, i) => ({
        ...st,
        id: `step_${i + 1}`,
        position: i,
        description: `Step ${i + 1}`,
      }));
      return { ...j, trigger, steps };
    },
  },
});
