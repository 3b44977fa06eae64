/** `Bearer <key>` and `Basic base64(user:key)` authenticate like `ApiKey <key>` (C-AUTH-1). */
import { auth } from '../parts/auth.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'auth-other-schemes-accepted',
  description: 'Authorization with the Bearer or Basic scheme and a valid secret authenticates, instead of 401.',
  replaces: 'auth',
  clauses: ['C-AUTH-1'],
  part: (store, authorization) => {
    const m = /^(Bearer|Basic)[ \t]+(\S+)$/i.exec(authorization ?? '');
    if (!m) return auth(store, authorization);
    let secret = m[2] as string;
    if ((m[1] as string).toLowerCase() === 'basic') {
      const decoded = Buffer.from(secret, 'base64').toString();
      secret = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : decoded;
    }
    return auth(store, `ApiKey ${secret}`);
  },
});
