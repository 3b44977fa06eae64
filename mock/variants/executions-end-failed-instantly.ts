/** A triggered execution ends `failed` at once and stays so (C-STATE-2: in_progress only until it reaches executed, partial or failed). */
import { formatTime } from '../prng.ts';
import { effects } from '../parts/effects.ts';
import type { ExecutionRec } from '../types.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'executions-end-failed-instantly',
  description: 'triggerRule runs the rule synchronously and the run ends failed (e.g. the source lacks funds): the execution reads back as failed, with no transfers, and never changes.',
  replaces: 'effects',
  clauses: ['C-STATE-2'],
  part: {
    ...effects,
    triggerRule(ctx, rule, amount) {
      const createdMs = ctx.store.nextCreatedMs(ctx.now);
      const rec: ExecutionRec = {
        org: rule.org,
        id: ctx.store.newId('rex_'),
        rule_id: rule.id,
        trigger_type: 'manual',
        status: 'failed',
        trigger_details: { type: 'manual', manual_execute_amount: amount },
        transfer_ids: [],
        created_at: formatTime(createdMs),
        createdMs,
      };
      ctx.store.insertExecution(rec);
      return rec;
    },
  },
});
