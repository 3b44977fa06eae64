/** A triggered execution is not readable for its first 1.5 s (read replica lag) (C-STATE-2). */
import { lookup } from '../parts/lookup.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'execution-visible-after-delay',
  description:
    'getRuleExecution reads from a replica that lags 1.5 s: right after triggerRule answers 202, the returned execution_id gets 404.',
  replaces: 'lookup',
  clauses: ['C-STATE-2'],
  part: {
    ...lookup,
    execution: (store, org, id) => {
      const e = lookup.execution(store, org, id);
      return e && e.trigger_type === 'manual' && e.id.startsWith('rex_01J') && Date.now() - e.createdMs < 1500
        ? undefined
        : e;
    },
  },
});
