/** Idempotency-Key is accepted but ignored: every replay acts again (C-STATE-4). */
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'idempotency-ignored',
  description:
    'Nothing is remembered under Idempotency-Key: a replayed createTransfer or triggerRule creates a second transfer or execution.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part: { check: () => ({ kind: 'miss' }), remember: () => {} },
});
