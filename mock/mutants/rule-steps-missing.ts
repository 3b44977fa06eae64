/** getRule answers the summary shape: no `trigger`, no `steps` (C-SHAPE, C-BODY-1). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'rule-steps-missing',
  description: 'getRule reuses the list serializer, so the Rule lacks trigger and steps.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part: { ...serialize, rule: serialize.ruleSummary },
});
