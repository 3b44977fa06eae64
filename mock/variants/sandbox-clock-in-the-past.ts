/**
 * A sandbox with simulated time: the server's clock is frozen in the middle of its seed data
 * (2024-01-03) and advances only one millisecond per request, so objects created during the run
 * sort among older items, not first (C-LIST-3 orders by created_at; nothing ties it to real time).
 */
import { defineVariant } from './define.ts';

let t = Date.UTC(2024, 0, 3, 0, 0, 0);

export default defineVariant({
  id: 'sandbox-clock-in-the-past',
  description:
    'Simulated sandbox time: the clock starts at 2024-01-03T00:00:00Z and ticks 1 ms per request; created transfers and executions land in the middle of the seed history.',
  replaces: 'clock',
  clauses: ['C-LIST-3', 'C-STATE-1', 'C-STATE-2'],
  part: () => ++t,
});
