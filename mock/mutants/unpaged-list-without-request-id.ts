/** Unpaged list envelopes are built without request_id (C-REQID-2). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'unpaged-list-without-request-id',
  description:
    'listAccounts, listRules and listCards answer {data: [...]} without request_id (their envelope is built by a separate helper).',
  replaces: 'serialize',
  clauses: ['C-REQID-2', 'C-BODY-2'],
  part: {
    ...serialize,
    envelope: (rid, data, pageInfo) =>
      Array.isArray(data) && pageInfo === undefined ? { data } : serialize.envelope(rid, data, pageInfo),
  },
});
