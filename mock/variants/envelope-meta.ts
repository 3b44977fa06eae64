/** Success envelopes carry an extra `meta` member (C-BODY-2 names the members; only error bodies are "exactly"). */
import { serialize } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'envelope-meta',
  description: 'Every success body adds meta: {api_version: "v1"} and, for lists, meta.count (items in this body).',
  replaces: 'serialize',
  clauses: ['C-BODY-2', 'C-BODY-1'],
  part: {
    ...serialize,
    envelope: (rid, data, pageInfo) => ({
      ...serialize.envelope(rid, data, pageInfo),
      meta: { api_version: 'v1', ...(Array.isArray(data) ? { count: data.length } : {}) },
    }),
  },
});
