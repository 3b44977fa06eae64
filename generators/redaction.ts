/**
 * Redaction: the one function that masks key secrets in text, in every form a target might echo
 * them: the secret itself, any run of 8 or more of its characters, its base64 (alone, and as the
 * `id:secret` or `:secret` of a Basic header, at any alignment), and its URL- and JSON-escaped
 * forms. A whole form becomes `$KEY_<ID>`; a fragment becomes `***`.
 *
 * Every response is masked where it enters the suite, so this is on the hot path: one look-up per
 * 4 characters finds candidate fragments, and only text that holds one is rewritten.
 */

/** How many characters make a fragment worth masking. */
export const FRAGMENT = 8;

/** A key's id and secret. */
export interface SecretEntry {
  id: string;
  secret: string;
}

/** The result of masking one text: the text, and how many places each key was found in. */
export interface Masked {
  text: string;
  /** key id → places masked (whole forms and fragments). */
  hits: Map<string, number>;
}

/**
 * A cheap key for the 4 characters at `at`. Every window of 8 characters holds one whole 4-block
 * that starts at a multiple of 4, so scanning those blocks finds every candidate fragment.
 */
function blockKey(s: string, at: number): number {
  return (
    (Math.imul(Math.imul(Math.imul(s.charCodeAt(at), 31) + s.charCodeAt(at + 1), 31) + s.charCodeAt(at + 2), 31) +
      s.charCodeAt(at + 3)) |
    0
  );
}

const ENCODINGS = ['base64', 'base64url'] as const;
const encode = (s: string, enc: (typeof ENCODINGS)[number]) => Buffer.from(s, 'utf8').toString(enc).replace(/=+$/, '');

/**
 * The forms of a secret written byte by byte: URL-encoded (as encodeURIComponent does, and with
 * lowercase hex), every byte percent-encoded (either case), and hex (either case).
 */
function byteForms(secret: string): string[] {
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  const url = encodeURIComponent(secret);
  const allPct = hex.replace(/(..)/g, '%$1');
  return [
    url,
    url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    allPct,
    allPct.toUpperCase(),
    hex,
    hex.toUpperCase(),
  ];
}

/** The shell variable name a key's secret goes by: `KEY_<id>` upper-snake. */
export function envName(keyId: string): string {
  return `KEY_${keyId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** The secret as a target could echo it without encoding it: as is, upper- and lower-cased, JSON-escaped, byte-escaped. */
function plainForms(secret: string): string[] {
  return [
    secret,
    secret.toUpperCase(),
    secret.toLowerCase(),
    JSON.stringify(secret).slice(1, -1),
    ...byteForms(secret),
  ];
}

/**
 * The whole forms of a secret a target could echo, longest first: its plain forms (as is, upper-
 * and lower-cased, JSON-escaped, URL-escaped in either hex case or every byte, hex-escaped), and
 * the base64 (and base64url, padded or not) of the secret, of `id:secret` and of `:secret` (the
 * user-pass of a Basic header), and of a whole ApiKey or Bearer credential.
 */
export function wholeForms(e: SecretEntry): string[] {
  const forms = new Set(plainForms(e.secret));
  for (const plain of [e.secret, `${e.id}:${e.secret}`, `:${e.secret}`, `Bearer ${e.secret}`, `ApiKey ${e.secret}`])
    for (const enc of ENCODINGS) {
      const bare = encode(plain, enc);
      forms.add(bare);
      forms.add(Buffer.from(plain, 'utf8').toString(enc));
    }
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * The strings whose every 8-character window counts as a fragment of the secret: the secret, its
 * escaped forms, and the middle of its base64 (and base64url) at each of the three byte
 * alignments, so a secret inside any base64 text, such as a Basic header, is found whatever
 * precedes or follows it.
 */
export function fragmentSources(e: SecretEntry): string[] {
  const out = new Set(plainForms(e.secret));
  for (const enc of ENCODINGS)
    for (let pad = 0; pad < 3; pad++) {
      const text = encode('\0'.repeat(pad) + e.secret, enc);
      // The first group mixes in what precedes (unless aligned), the last what follows.
      const head = pad === 0 ? 0 : 4;
      if (text.length - head - 4 >= FRAGMENT) out.add(text.slice(head, text.length - 4));
    }
  return [...out];
}

/** Every window of 8 characters of `s`. */
function grams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + FRAGMENT <= s.length; i++) out.push(s.slice(i, i + FRAGMENT));
  return out;
}

/**
 * Runs of text in a byte- or character-escaping a target might echo a secret in, and how each
 * decodes: hex with or without separators (`41 70`, `41:70`, `41-70`), `\x41` and `\u0041`
 * escapes, HTML character references (`&#65;`, `&#x41;`), and percent-escapes applied more than
 * once. A run whose decoded text holds a fragment of a secret is masked whole.
 */
const ESCAPED_RUNS: ReadonlyArray<{ hint: RegExp; re: RegExp; decode: (run: string) => string }> = [
  {
    hint: /[0-9A-Fa-f]{2}[ :.-][0-9A-Fa-f]{2}[ :.-][0-9A-Fa-f]{2}/,
    re: /[0-9A-Fa-f]{2}(?:[ :.-][0-9A-Fa-f]{2}){7,}/g,
    decode: (run) => Buffer.from(run.replace(/[^0-9A-Fa-f]/g, ''), 'hex').toString('latin1'),
  },
  {
    hint: /\\x[0-9A-Fa-f]{2}/,
    re: /(?:\\x[0-9A-Fa-f]{2}){8,}/g,
    decode: (run) => Buffer.from(run.replace(/\\x/g, ''), 'hex').toString('latin1'),
  },
  {
    hint: /\\u[0-9A-Fa-f]{4}/,
    re: /(?:\\u[0-9A-Fa-f]{4}){8,}/g,
    decode: (run) =>
      run.replace(/\\u([0-9A-Fa-f]{4})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
  },
  {
    hint: /&#/,
    re: /(?:&#(?:[0-9]{1,7}|[xX][0-9A-Fa-f]{1,6});){8,}/g,
    decode: (run) =>
      run.replace(/&#([xX]?)([0-9A-Fa-f]+);/g, (_m, x: string, n: string) =>
        String.fromCodePoint(Number.parseInt(n, x ? 16 : 10)),
      ),
  },
  {
    hint: /%25/,
    re: /(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9._~+-]){8,}/g,
    decode: (run) => {
      let t = run;
      for (let i = 0; i < 3 && /%[0-9A-Fa-f]{2}/.test(t); i++)
        t = t.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
      return t;
    },
  },
];

/** Masks the secrets of a set of keys; build once per set of secrets. */
export class Redactor {
  readonly #whole: Array<{ form: string; id: string; mask: string }> = [];
  readonly #grams = new Map<string, string>();
  /** The 8-character windows of every whole form: a hit sends the text to the exact replacement. */
  readonly #wholeGrams = new Set<string>();
  readonly #blocks = new Set<number>();
  /** Secrets shorter than a fragment: only their whole forms can be found. */
  readonly #short: Array<{ form: string; id: string }> = [];

  constructor(entries: readonly SecretEntry[]) {
    const live = entries.filter((e) => e.secret);
    // A run of characters every secret shares (a prefix such as sk_live_) is no secret: masking it would only hide text.
    const shared =
      live.length > 1
        ? live
            .map((e) => new Set(grams(e.secret.toLowerCase())))
            .reduce((a, b) => new Set([...a].filter((g) => b.has(g))))
        : new Set<string>();
    for (const e of live) {
      for (const form of wholeForms(e)) {
        this.#whole.push({ form, id: e.id, mask: `$${envName(e.id)}` });
        if (form.length < FRAGMENT) this.#short.push({ form, id: e.id });
        // Whole forms are found by the same scan as fragments, however short the secret.
        else for (const g of grams(form)) this.#wholeGrams.add(g);
      }
      for (const src of fragmentSources(e))
        for (const g of grams(src)) if (!shared.has(g.toLowerCase()) && !this.#grams.has(g)) this.#grams.set(g, e.id);
      for (const src of [...fragmentSources(e), ...wholeForms(e)])
        for (let i = 0; i + 4 <= src.length; i++) this.#blocks.add(blockKey(src, i));
    }
    this.#whole.sort((a, b) => b.form.length - a.form.length);
  }

  /** The id of the key a fragment of which `decoded` holds, if any. */
  #fragmentIn(decoded: string): string | undefined {
    for (let i = 0; i + FRAGMENT <= decoded.length; i++) {
      const id = this.#grams.get(decoded.slice(i, i + FRAGMENT));
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /** Masks, whole, every escaped run (hex, \\x, \\u, &#…;, repeated percent) whose decoding holds a fragment of a secret. */
  #maskEscapedRuns(text: string, count: (id: string, n: number) => unknown): string {
    if (!this.#grams.size) return text;
    let out = text;
    for (const { hint, re, decode } of ESCAPED_RUNS)
      if (hint.test(out))
        out = out.replace(re, (run) => {
          const decoded = decode(run);
          if (decoded === run) return run;
          const id = this.#fragmentIn(decoded);
          if (id === undefined) return run;
          count(id, 1);
          return '***';
        });
    return out;
  }

  /** True when `text` may hold a secret (a candidate fragment or a short whole form). */
  suspect(text: string): boolean {
    if (this.#short.length && this.#short.some((s) => text.includes(s.form))) return true;
    if (text.length < FRAGMENT || this.#blocks.size === 0) return false;
    for (let q = 0; q + 4 <= text.length; q += 4) {
      if (!this.#blocks.has(blockKey(text, q))) continue;
      // A fragment holding this block starts at most 4 characters before it.
      for (let p = Math.max(0, q - 4); p <= q && p + FRAGMENT <= text.length; p++) {
        const w = text.slice(p, p + FRAGMENT);
        if (this.#grams.has(w) || this.#wholeGrams.has(w)) return true;
      }
    }
    return false;
  }

  /** Masks every whole form and fragment of every secret in `text`. */
  mask(text: string): Masked {
    const hits = new Map<string, number>();
    const count = (id: string, n: number) => n && hits.set(id, (hits.get(id) ?? 0) + n);
    let out = this.#maskEscapedRuns(text, count);
    if (!this.suspect(out)) return { text: out, hits };
    for (const w of this.#whole) {
      if (!out.includes(w.form)) continue;
      const parts = out.split(w.form);
      count(w.id, parts.length - 1);
      out = parts.join(w.mask);
    }
    // Fragments: every window of 8 characters that is one of a secret's, merged into runs.
    const covered: Array<[number, number, string]> = [];
    for (let i = 0; i + FRAGMENT <= out.length; i++) {
      const id = this.#grams.get(out.slice(i, i + FRAGMENT));
      if (id === undefined) continue;
      const last = covered.at(-1);
      if (last && i <= last[1]) last[1] = i + FRAGMENT;
      else covered.push([i, i + FRAGMENT, id]);
    }
    if (covered.length) {
      let masked = '';
      let at = 0;
      for (const [from, to, id] of covered) {
        masked += `${out.slice(at, from)}***`;
        at = to;
        count(id, 1);
      }
      out = masked + out.slice(at);
    }
    return { text: out, hits };
  }
}
