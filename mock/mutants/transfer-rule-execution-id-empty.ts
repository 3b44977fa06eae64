/** A transfer not made by a rule carries `rule_execution_id: ""` instead of null (C-SHAPE, C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-rule-execution-id-empty',
  description:
    'A nullable reference is written as an empty string: transfers without a rule execution carry rule_execution_id "" instead of null.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: {
    ...serialize,
    transfer: (store, t) => {
      const j = serialize.transfer(store, t);
      return j.rule_execution_id === null ? { ...j, rule_execution_id: '' } : j;
    },
  },
});
