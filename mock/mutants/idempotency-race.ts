/** A replay is looked up before the first answer is committed: concurrent repeats all act (C-STATE-4). */
import { idempotency, type Idempotency } from '../parts/idempotency.ts';
import { defineMutant } from './define.ts';

const part: Idempotency = {
  check: (ctx, body) => idempotency.check(ctx, body),
  // The answer is written to the idempotency table after the response, as a write-behind cache would
  // (two turns of the event loop later): a repeat that waits for the answer replays, since it needs a
  // turn for the answer to arrive and another for itself; one already in flight does not see it.
  remember: (ctx, body, status, data) => {
    setImmediate(() => setImmediate(() => idempotency.remember(ctx, body, status, data)));
  },
};

export default defineMutant({
  id: 'idempotency-race',
  description:
    'The remembered answer is committed after the response is sent (write-behind): a repeat sent after the answer replays, but identical requests in flight at once each create a transfer.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part,
});
