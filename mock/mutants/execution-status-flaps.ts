/** A stale replica: a finished execution reads as in_progress every other time (C-STATE-2). */
import { serialize, type Serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

let reads = 0;

const part: Serialize = {
  ...serialize,
  execution: (store, e) => {
    const out = serialize.execution(store, e);
    return out.status !== 'in_progress' && reads++ % 2 === 1 ? { ...out, status: 'in_progress' } : out;
  },
};

export default defineMutant({
  id: 'execution-status-flaps',
  description:
    'Reads of a finished execution alternate between its final status and in_progress, as from a lagging replica.',
  replaces: 'serialize',
  clauses: ['C-STATE-2'],
  part,
});
