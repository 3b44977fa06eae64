/** An idempotent replay of createTransfer answers the transfer as it is now (same ID, status may have moved on). */
import { idempotency } from '../parts/idempotency.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'idempotent-replay-current-state',
  description:
    'The idempotency store keeps the transfer ID only; a replay re-reads the transfer, so its status is the current one (e.g. complete) rather than the processing of the first answer. C-STATE-4 asks for the same status code and the same data "(same transfer or execution ID)".',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part: {
    ...idempotency,
    check(ctx, body) {
      const hit = idempotency.check(ctx, body);
      if (hit.kind !== 'replay') return hit;
      const id = (hit.data as { id?: unknown } | null)?.id;
      const t = typeof id === 'string' ? ctx.parts.lookup.transfer(ctx.store, ctx.key.org, id) : undefined;
      return t ? { ...hit, data: ctx.parts.serialize.transfer(ctx.store, t) } : hit;
    },
  },
});
