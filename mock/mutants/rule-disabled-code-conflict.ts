/** The 409 of a disabled rule carries code `conflict` instead of `rule_disabled` (C-BODY-2, C-STATE-3). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'rule-disabled-code-conflict',
  description:
    'The error mapper uses a generic code per status for 409, so a disabled rule answers {code: "conflict"} instead of rule_disabled.',
  replaces: 'errorMapper',
  clauses: ['C-BODY-2', 'C-STATE-3', 'C-BODY-1'],
  part: (error, rid) => {
    const r = errorMapper(error, rid);
    if (error.kind !== 'rule_disabled') return r;
    return { ...r, body: { ...r.body, error: { code: 'conflict', message: error.message } } };
  },
});
