/** A revoked key still authenticates (C-AUTH-1). */
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'auth-revoked-accepted',
  description: 'The revoked flag is never consulted: a revoked key works like a live one instead of getting 401.',
  replaces: 'auth',
  clauses: ['C-AUTH-1'],
  part: (store, authorization) => {
    const m = /^([^ \t]+)[ \t]+(\S+)$/.exec(authorization ?? '');
    if (!m || (m[1] as string).toLowerCase() !== 'apikey') return undefined;
    return store.keysBySecret.get(m[2] as string);
  },
});
