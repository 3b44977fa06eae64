/** Error responses carry extra headers: Cache-Control, X-Content-Type-Options, and WWW-Authenticate on 401. */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'error-extra-headers',
  description:
    'Errors add Cache-Control: no-store, X-Content-Type-Options: nosniff, X-RateLimit-Remaining, and WWW-Authenticate: ApiKey realm="sequence" on 401 (RFC 9110 §11.6.1).',
  replaces: 'errorMapper',
  clauses: ['C-BODY-1', 'C-BODY-2'],
  part: (error, rid) => {
    const r = errorMapper(error, rid);
    const headers: Record<string, string> = {
      ...r.headers,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-RateLimit-Remaining': '99',
    };
    if (r.status === 401) headers['WWW-Authenticate'] = 'ApiKey realm="sequence"';
    return { ...r, headers };
  },
});
