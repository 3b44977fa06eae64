/**
 * An independent leak check for tests (it shares no code with generators/redaction.ts): every
 * window of 8 characters of a secret found in a text as it is, percent-decoded, or in what any run
 * of hex, base64 or base64url characters of the text decodes to, at any of its offsets.
 */

/** Where the `secrets` leak in `text`: the windows found, with where (empty when none). */
export function leaks(text: string, secrets: string | readonly string[], window = 8): string[] {
  const bad = new Map<string, string>();
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets)
    for (let i = 0; i + window <= secret.length; i++) bad.set(secret.slice(i, i + window), secret.slice(0, 4));
  const found: string[] = [];
  const scan = (where: string, s: string) => {
    for (let i = 0; i + window <= s.length; i++) {
      const w = s.slice(i, i + window);
      if (bad.has(w)) found.push(`${where} holds ${w}`);
    }
  };
  scan('the text', text);
  // Case changed: every window compared case-folded.
  const folded = text.toLowerCase();
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets)
    for (let i = 0; i + window <= secret.length; i++) {
      const w = secret.slice(i, i + window).toLowerCase();
      if (folded.includes(w)) found.push(`the case-folded text holds ${w}`);
    }
  scan(
    'the percent-decoded text',
    text.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
  );
  // Escapes a target might echo bytes in: separated hex, \x and \u escapes, HTML references, percent twice.
  const unhex = (h: string) => Buffer.from(h, 'hex').toString('latin1');
  for (const run of text.match(/(?:[0-9A-Fa-f]{2}[\s:.-]){4,}[0-9A-Fa-f]{2}/g) ?? [])
    scan(`separated hex(${run.slice(0, 40)})`, unhex(run.replace(/[\s:.-]/g, '')));
  scan(
    'the \\x-unescaped text',
    text.replace(/\\x([0-9A-Fa-f]{2})/g, (_m, h: string) => unhex(h)),
  );
  scan(
    'the \\u-unescaped text',
    text.replace(/\\u([0-9A-Fa-f]{4})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
  );
  scan(
    'the HTML-unescaped text',
    text.replace(/&#(x?)([0-9A-Fa-f]+);/gi, (_m, x: string, n: string) =>
      String.fromCodePoint(Number.parseInt(n, x ? 16 : 10)),
    ),
  );
  let twice = text;
  for (let i = 0; i < 2; i++)
    twice = twice.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  scan('the text percent-decoded twice', twice);
  for (const run of text.match(/[0-9A-Fa-f]{16,}/g) ?? [])
    for (let k = 0; k < 2; k++) scan(`hex(${run.slice(0, 40)})`, Buffer.from(run.slice(k), 'hex').toString('latin1'));
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? [])
    for (let k = 0; k < 4; k++)
      for (const enc of ['base64', 'base64url'] as const)
        scan(`${enc}(${run.slice(0, 40)})`, Buffer.from(run.slice(k), enc).toString('latin1'));
  return found;
}
