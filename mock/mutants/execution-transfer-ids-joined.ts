/** Execution `transfer_ids` as a comma-joined string instead of an array (C-SHAPE, C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'execution-transfer-ids-joined',
  description: 'transfer_ids is stored as a CSV column and written as "txr_a,txr_b" instead of an array.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    execution: (store, e) => ({ ...serialize.execution(store, e), transfer_ids: e.transfer_ids.join(',') }),
  },
});
