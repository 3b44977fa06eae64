/** The scheme name is compared case-sensitively, so `apikey <key>` is refused (C-AUTH-2, SHOULD). */
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'auth-scheme-case-sensitive',
  description: 'Only the exact spelling "ApiKey" is accepted; "apikey <key>" gets 401.',
  replaces: 'auth',
  clauses: ['C-AUTH-2'],
  part: (store, authorization) => {
    const m = /^ApiKey[ \t]+(\S+)$/.exec(authorization ?? '');
    if (!m) return undefined;
    const key = store.keysBySecret.get(m[1] as string);
    return key && !key.revoked ? key : undefined;
  },
});
