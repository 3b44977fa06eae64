/** The server's clock runs three hours ahead of the client's (the contract says nothing about clock accuracy). */
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'clock-ahead',
  description:
    "The server's wall clock is 3 hours fast: objects created during the run are stamped in the client's future.",
  replaces: 'clock',
  clauses: ['C-LIST-3'],
  part: () => Date.now() + 3 * 3600 * 1000,
});
