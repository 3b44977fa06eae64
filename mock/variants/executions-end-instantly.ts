/** Triggered executions that end at once in a final status and stay so (C-STATE-2: in_progress only until it reaches executed, partial or failed). */
import { formatTime } from '../prng.ts';
import { effects } from '../parts/effects.ts';
import type { ExecutionRec, ExecutionStatus } from '../types.ts';
import { defineVariant } from './define.ts';

/** A variant whose triggerRule runs the rule synchronously and ends `status`, with no transfers. */
export function executionsEndInstantly(status: Extract<ExecutionStatus, 'failed' | 'partial'>) {
  return defineVariant({
    id: `executions-end-${status}-instantly`,
    description: `triggerRule runs the rule synchronously and the run ends ${status} (e.g. the source lacks funds): the execution reads back as ${status}, with no transfers, and never changes.`,
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
          status,
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
}
