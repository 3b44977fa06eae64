import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leaks } from './test-leaks.ts';
import { FRAGMENT, Redactor, wholeForms } from './redaction.ts';

/** Every window of `n` characters of `s`. */
function windows(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

const secretArb = fc.string({
  unit: fc.constantFrom(...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789_-.~!$'.split('')),
  minLength: 12,
  maxLength: 64,
});
const idArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const noise = fc.string({ unit: fc.constantFrom(...'abcdefgh ijkl{}":,[]0123456789 '.split('')), maxLength: 40 });

/** How a target might echo a secret. */
const echoArb = (id: string, secret: string) =>
  fc.oneof(
    fc.constant(secret),
    fc.constant(`ApiKey ${secret}`),
    fc.constant(`key APIKEY ${secret.toUpperCase()}`),
    fc.constant(secret.toLowerCase()),
    fc.constant(`unauthorized Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`),
    fc.constant(`Basic ${Buffer.from(`:${secret}`).toString('base64')}`),
    fc.constant(Buffer.from(secret).toString('base64')),
    fc.constant(Buffer.from(secret).toString('base64url')),
    fc.constant(encodeURIComponent(secret)),
    fc.constant(encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())),
    fc.constant(Buffer.from(secret).toString('hex').replace(/(..)/g, '%$1')),
    fc.constant(Buffer.from(secret).toString('hex').replace(/(..)/g, '%$1').toUpperCase()),
    fc.constant(Buffer.from(secret).toString('hex')),
    fc.constant(`0x${Buffer.from(secret).toString('hex').toUpperCase()}`),
    fc.constantFrom(' ', ':', '-').map((sep) => Buffer.from(secret).toString('hex').match(/../g)!.join(sep)),
    fc.constant(Buffer.from(secret).toString('hex').replace(/(..)/g, '\\x$1')),
    fc.constant([...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')),
    fc.constant([...secret].map((c) => `&#${c.charCodeAt(0)};`).join('')),
    fc.constant(encodeURIComponent(encodeURIComponent(secret))),
    // Hex of a fragment: at least 8 characters of the secret, from any character on.
    fc
      .integer({ min: 0, max: secret.length - FRAGMENT })
      .map((from) => `h=${Buffer.from(secret.slice(from, from + FRAGMENT + 1)).toString('hex')};`),
    fc.constant(JSON.stringify({ echo: secret })),
    fc.constant(secret.slice(0, -1)),
    fc.constant(`${secret}x`),
    fc
      .integer({ min: 0, max: secret.length - FRAGMENT })
      .chain((from) => fc.integer({ min: from + FRAGMENT, max: secret.length }).map((to) => secret.slice(from, to))),
    // A Basic header cut short, as in "unauthorized Basic YWRtaW4t…": still more than 12 characters of the secret inside.
    fc.integer({ min: 0, max: 30 }).map((cut) => {
      const b = Buffer.from(`${id}:${secret}`).toString('base64');
      return `Basic ${b.slice(0, Math.max(Math.ceil(((id.length + 1 + 12) * 4) / 3) + 4, b.length - cut))}…`;
    }),
  );

describe('Redactor', () => {
  it('masks every echo form of every secret: no 8-character window survives, plain or base64-decoded', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.record({ id: idArb, secret: secretArb }), {
            minLength: 1,
            maxLength: 4,
            selector: (e) => e.id,
          })
          .chain((keys) =>
            fc.tuple(
              fc.constant(keys),
              fc
                .nat({ max: keys.length - 1 })
                .chain((k) => echoArb(keys[k]!.id, keys[k]!.secret).map((echo) => ({ k, echo }))),
              noise,
              noise,
            ),
          ),
        ([keys, { echo }, before, after]) => {
          const r = new Redactor(keys);
          const masked = r.mask(`${before}${echo}${after}`);
          for (const key of keys) expect(leaks(masked.text, key.secret), `${key.secret} in ${masked.text}`).toEqual([]);
          expect([...masked.hits.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the leak check used above finds every echo form before masking (so the property can fail)', () => {
    fc.assert(
      fc.property(
        fc
          .record({ id: idArb, secret: secretArb })
          .chain((key) => fc.tuple(fc.constant(key), echoArb(key.id, key.secret))),
        ([key, echo]) => {
          expect(leaks(echo, key.secret).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves text without any secret untouched and reports no hit', () => {
    fc.assert(
      fc.property(fc.record({ id: idArb, secret: secretArb }), noise, (key, text) => {
        fc.pre(!windows(key.secret, FRAGMENT).some((w) => text.includes(w)));
        const r = new Redactor([key]);
        expect(r.mask(text)).toEqual({ text, hits: new Map() });
      }),
    );
  });

  it('shows $KEY_<id> for a whole form and *** for a fragment, and counts places per key', () => {
    const r = new Redactor([
      { id: 'full-main', secret: 'sk_mock_abcdefghijkmnopq' },
      { id: 'other', secret: 'sk_other_zyxwvutsrqponm' },
    ]);
    const basic = Buffer.from('full-main:sk_mock_abcdefghijkmnopq').toString('base64');
    expect(r.mask(`a sk_mock_abcdefghijkmnopq b ${basic} c`)).toEqual({
      text: 'a $KEY_FULL_MAIN b $KEY_FULL_MAIN c',
      hits: new Map([['full-main', 2]]),
    });
    expect(r.mask('code: unauthorized sk_mock_abcdefghijkmnop (cut)').text).toBe('code: unauthorized *** (cut)');
    expect(r.mask('sk_other_zyxwvutsrqponm').hits).toEqual(new Map([['other', 1]]));
  });

  it('knows the Basic, base64, URL and JSON forms', () => {
    expect(wholeForms({ id: 'k', secret: 'a"b/c' })).toEqual(
      expect.arrayContaining([
        'a"b/c',
        'a%22b%2Fc',
        'a\\"b/c',
        Buffer.from('k:a"b/c').toString('base64'),
        Buffer.from(':a"b/c').toString('base64').replace(/=+$/, ''),
      ]),
    );
  });

  it('finds the Basic and base64 forms of a secret of 8 to 10 characters too', () => {
    for (const secret of ['q7Xk29Lm', 'q7Xk29Lmz', 'q7Xk29Lmz4']) {
      const r = new Redactor([{ id: 'short', secret }]);
      for (const echo of [
        Buffer.from(`short:${secret}`).toString('base64'),
        Buffer.from(`Bearer ${secret}`).toString('base64'),
        Buffer.from(secret).toString('base64url'),
      ]) {
        const m = r.mask(`x ${echo} y`);
        expect(leaks(m.text, secret), `${secret} as ${echo}`).toEqual([]);
        expect(m.hits.get('short')).toBeGreaterThan(0);
      }
    }
  });

  it('does not mask what every key shares (a prefix like sk_live_), only what is secret', () => {
    const r = new Redactor([
      { id: 'a', secret: 'sk_live_Q2w3E4r5T6y7U8i9' },
      { id: 'b', secret: 'sk_live_Z1x2C3v4B5n6M7k8' },
    ]);
    expect(r.mask('keys look like sk_live_… in the docs').hits.size).toBe(0);
    const m = r.mask('sk_live_Q2w3E4r5');
    expect(leaks(m.text, 'sk_live_Q2w3E4r5T6y7U8i9'.slice(8))).toEqual([]);
    expect(m.hits.get('a')).toBe(1);
  });
});
