/**
 * `auth` part (C-AUTH): `Authorization: ApiKey <key>`, scheme case-insensitive; no header, an
 * empty key, another scheme, an unknown key or a revoked key authenticate nobody (401).
 */
import type { Store } from '../store.ts';
import type { ApiKey } from '../types.ts';

/** Returns the key a request authenticates as, or undefined for 401. */
export type AuthPart = (store: Store, authorization: string | undefined) => ApiKey | undefined;

/** Default authentication. */
export const auth: AuthPart = (store, authorization) => {
  if (!authorization) return undefined;
  const m = /^([^ \t]+)[ \t]+(\S+)$/.exec(authorization);
  if (!m || (m[1] as string).toLowerCase() !== 'apikey') return undefined;
  const key = store.keysBySecret.get(m[2] as string);
  return key && !key.revoked ? key : undefined;
};
