/** The error mapper has no entry for an unsupported method: PUT, PATCH or DELETE on a known path gets 500 (C-BODY-3). */
import { errorMapper, type ErrorMapper } from '../parts/error-mapper.ts';
import { defineMutant } from './define.ts';

const mapper: ErrorMapper = (error, requestId) => {
  if (error.kind === 'method_not_allowed') throw new TypeError(`no error mapping for ${error.kind}`);
  return errorMapper(error, requestId);
};

export default defineMutant({
  id: 'method-not-allowed-crashes',
  description:
    'The error mapper lost its entry for an unsupported method and throws: PUT, PATCH or DELETE on a known path gets 500 instead of an error of the contract’s shape.',
  replaces: 'errorMapper',
  clauses: ['C-BODY-3'],
  part: mapper,
});
