/** An unknown key becomes an anonymous principal without permissions, so it gets 403, not 401 (C-AUTH-1). */
import type { ApiKey } from '../types.ts';
import { auth } from '../parts/auth.ts';
import { defineMutant } from './define.ts';

const ANONYMOUS: ApiKey = Object.freeze({
  id: 'anonymous',
  secret: '',
  org: 'main',
  revoked: false,
  permissions: [],
  scopes: new Map(),
  pairs: [],
});

export default defineMutant({
  id: 'auth-unknown-key-forbidden',
  description:
    'A well-formed ApiKey header with a key the server does not know is treated as an anonymous caller without scopes: 403 forbidden instead of 401.',
  replaces: 'auth',
  clauses: ['C-AUTH-1'],
  part: (store, authorization) => {
    const key = auth(store, authorization);
    if (key) return key;
    const m = /^ApiKey[ \t]+(\S+)$/i.exec(authorization ?? '');
    return m && !store.keysBySecret.has(m[1] as string) ? ANONYMOUS : undefined;
  },
});
