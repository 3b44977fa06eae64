/** Manual executions serialize trigger_details as {} (no `type`) (C-SHAPE, C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'execution-trigger-details-empty',
  description:
    'trigger_details of manual executions is {} when no amount was given (the serializer drops null members and `type` with them).',
  replaces: 'serialize',
  clauses: ['C-BODY-1', 'C-STATE-2'],
  part: {
    ...serialize,
    execution: (store, e) => {
      const out = serialize.execution(store, e) as Record<string, unknown>;
      if (e.trigger_type === 'manual') out.trigger_details = {};
      return out as never;
    },
  },
});
