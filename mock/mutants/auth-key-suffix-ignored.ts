/** A known key followed by extra characters authenticates (C-AUTH-1). */
import type { AuthPart } from '../parts/auth.ts';
import { defineMutant } from './define.ts';

const part: AuthPart = (store, authorization) => {
  if (!authorization) return undefined;
  const m = /^([^ \t]+)[ \t]+(\S+)$/.exec(authorization);
  if (!m || (m[1] as string).toLowerCase() !== 'apikey') return undefined;
  const given = m[2] as string;
  for (const [secret, key] of store.keysBySecret) if (given.startsWith(secret) && !key.revoked) return key;
  return undefined;
};

export default defineMutant({
  id: 'auth-key-suffix-ignored',
  description:
    "Keys are compared on their stored length only (like bcrypt's 72-byte truncation), so a valid key with characters appended is accepted instead of 401.",
  replaces: 'auth',
  clauses: ['C-AUTH-1'],
  part,
});
