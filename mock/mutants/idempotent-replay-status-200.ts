/** An idempotent replay answers 200 instead of the original 201/202 (C-STATE-4). */
import { idempotency } from '../parts/idempotency.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'idempotent-replay-status-200',
  description:
    'A replayed POST answers 200 OK with the stored data ("nothing new was created") instead of repeating the original status.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part: {
    ...idempotency,
    check(ctx, body) {
      const hit = idempotency.check(ctx, body);
      return hit.kind === 'replay' ? { ...hit, status: 200 } : hit;
    },
  },
});
