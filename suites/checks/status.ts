/** Checks of the status line and error code against the oracle (C-AUTH, C-PERM, C-VAL, C-FOUND, C-STATE, C-BODY-2/3). */
import { defineCheck, type Violation } from './types.ts';

const CODE_BY_STATUS: Record<number, string[]> = {
  400: ['invalid_request'],
  401: ['unauthorized'],
  403: ['forbidden'],
  404: ['resource_not_found'],
  409: ['rule_disabled', 'idempotency_conflict'],
  429: ['rate_limited'],
};

/** The error code of a body, if it has one. */
export function errorCode(json: unknown): string | undefined {
  const e = (json as { error?: { code?: unknown } } | undefined)?.error;
  return typeof e?.code === 'string' ? e.code : undefined;
}

/**
 * The first `max` characters of a body, as a string of their own: a slice would keep the whole
 * body alive for as long as the finding lives (V8 slices share their parent), and bodies may be
 * megabytes.
 */
export function excerpt(text: string, max: number): string {
  return text.length > max ? `${Buffer.from(text.slice(0, max), 'utf8').toString('utf8')}…` : text;
}

/** The status, error code and the start of the body: what a reader needs to see of a wrong answer. */
export function answerOf(res: { status: number; json: unknown; text: string }): {
  status: number;
  code: string | null;
  body: string;
} {
  return { status: res.status, code: errorCode(res.json) ?? null, body: excerpt(res.text, 300) };
}

export const statusMatchesOracle = defineCheck({
  id: 'status_matches_oracle',
  clauses: [
    'C-PERM-1',
    'C-PERM-2b',
    'C-AUTH-1',
    'C-AUTH-2',
    'C-AUTH-3',
    'C-PERM-3',
    'C-PERM-4',
    'C-PERM-5',
    'C-PERM-6',
    'C-ORG-1',
    'C-VAL-1',
    'C-VAL-2',
    'C-VAL-3',
    'C-VAL-4',
    'C-FOUND-1',
    'C-FOUND-2',
    'C-STATE-1',
    'C-STATE-2',
    'C-STATE-3',
    'C-REQID-4',
  ],
  description: 'The status is the one the oracle derives from the contract for this key, resource and variant.',
  run({ case: c, res }) {
    if (res.status === c.expect.status || res.status >= 500) return [];
    return [
      {
        clause: c.expect.clause,
        level: c.expect.level,
        message: `expected ${c.expect.status} because ${c.expect.because}; got ${res.status}`,
        expected: c.expect.status,
        actual: answerOf(res),
      },
    ];
  },
});

export const errorCodeMatches = defineCheck({
  id: 'error_code_matches',
  clauses: ['C-BODY-2', 'C-STATE-3', 'C-STATE-4'],
  description: 'An error body carries the code C-BODY-2 assigns to its status, and the code the oracle expects.',
  run({ case: c, res }) {
    if (res.status < 400 || res.status >= 500) return [];
    const code = errorCode(res.json);
    const out: Violation[] = [];
    const allowed = CODE_BY_STATUS[res.status];
    if (allowed && !allowed.includes(code ?? ''))
      out.push({
        clause: 'C-BODY-2',
        level: 'must',
        message: `a ${res.status} must carry code ${allowed.join(' or ')}, got ${code ?? 'none'}`,
        expected: allowed.join('|'),
        actual: code ?? null,
      });
    else if (res.status === c.expect.status && c.expect.code && code !== c.expect.code)
      out.push({
        clause: c.expect.clause,
        level: c.expect.level,
        message: `expected code ${c.expect.code} because ${c.expect.because}; got ${code ?? 'none'}`,
        expected: c.expect.code,
        actual: code ?? null,
      });
    return out;
  },
});

export const no5xx = defineCheck({
  id: 'no_5xx',
  clauses: ['C-BODY-3'],
  description: 'No request the suite sends gets a 5xx.',
  run({ res }) {
    return res.status >= 500
      ? [
          {
            clause: 'C-BODY-3',
            level: 'must',
            message: `server error ${res.status}`,
            expected: '< 500',
            actual: answerOf(res),
          },
        ]
      : [];
  },
});
