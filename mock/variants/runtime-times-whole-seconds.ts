/** Objects created at run time carry whole-second created_at values, so several can share one (C-LIST-3 allows ties). */
import { Store } from '../store.ts';
import { defineVariant } from './define.ts';

class SecondsStore extends Store {
  override nextCreatedMs(atLeastMs: number): number {
    super.nextCreatedMs(atLeastMs);
    return Math.floor(atLeastMs / 1000) * 1000;
  }
}

export default defineVariant({
  id: 'runtime-times-whole-seconds',
  description:
    'The server stores creation times at second precision: transfers and executions created in the same second share created_at (order among them is by id).',
  replaces: 'store',
  clauses: ['C-LIST-3'],
  part: (data, keys, config, newId) => new SecondsStore(data, keys, config, newId),
});
