/** The server's clock runs ten minutes behind the client's (the contract says nothing about clock accuracy). */
import { defineVariant } from './define.ts';

const LAG_MS = 10 * 60 * 1000;

export default defineVariant({
  id: 'clock-behind',
  description:
    "The server's wall clock is 10 minutes slow: objects created during the run are stamped 10 minutes before the client's time.",
  replaces: 'clock',
  clauses: ['C-LIST-2', 'C-LIST-3'],
  part: () => Date.now() - LAG_MS,
});
