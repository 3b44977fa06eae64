/** Checks of X-Request-ID and body request_id (C-REQID-1..4). */
import { isValidRequestId } from '../../generators/case-types.ts';
import { defineCheck, type Check, type Violation } from './types.ts';

function sentId(c: Parameters<Check['run']>[0]['case']): string | undefined {
  return c.request.headers['X-Request-ID'];
}

function validSent(v: string | undefined): v is string {
  return v !== undefined && isValidRequestId(v);
}

export const requestIdEcho = defineCheck({
  id: 'request_id_echo',
  clauses: ['C-REQID-1'],
  description: 'A valid client X-Request-ID comes back unchanged on every response, errors included.',
  run({ case: c, res }) {
    const sent = sentId(c);
    if (!validSent(sent) || res.headers['x-request-id'] === sent) return [];
    return [
      {
        clause: 'C-REQID-1',
        level: 'must',
        message: `X-Request-ID not echoed on a ${res.status}`,
        expected: sent,
        actual: res.headers['x-request-id'] ?? null,
      },
    ];
  },
});

export const requestIdBody = defineCheck({
  id: 'request_id_body_matches_header',
  clauses: ['C-REQID-2'],
  description:
    'Success bodies carry request_id equal to the X-Request-ID header; error bodies may, and then it is equal.',
  run({ res }) {
    const body = res.json as { request_id?: unknown } | undefined;
    if (!body || typeof body !== 'object' || res.status >= 500) return [];
    const header = res.headers['x-request-id'];
    const ok = res.status < 300;
    if (ok && body.request_id === undefined)
      return [
        {
          clause: 'C-REQID-2',
          level: 'must',
          message: 'success body has no request_id',
          expected: header ?? 'a request_id',
          actual: null,
        },
      ];
    if (body.request_id !== undefined && body.request_id !== header)
      return [
        {
          clause: 'C-REQID-2',
          level: 'must',
          message: 'body request_id differs from the X-Request-ID header',
          expected: header ?? null,
          actual: body.request_id,
        },
      ];
    return [];
  },
});

export const requestIdGenerated = defineCheck({
  id: 'request_id_generated',
  clauses: ['C-REQID-3'],
  description: 'Without a client ID the server generates one, never repeats it, and should prefix it req_.',
  run({ case: c, res, seenRequestIds }) {
    if (sentId(c) !== undefined) return [];
    const id = res.headers['x-request-id'];
    const out: Violation[] = [];
    if (!id)
      return [
        {
          clause: 'C-REQID-3',
          level: 'must',
          message: 'no X-Request-ID generated',
          expected: 'a generated ID',
          actual: null,
        },
      ];
    if (seenRequestIds.has(id))
      out.push({
        clause: 'C-REQID-3',
        level: 'must',
        message: `generated X-Request-ID ${id} was already used in this run`,
        expected: 'a new ID',
        actual: id,
      });
    seenRequestIds.add(id);
    if (!id.startsWith('req_'))
      out.push({
        clause: 'C-REQID-3',
        level: 'should',
        message: 'generated X-Request-ID should start with req_',
        expected: 'req_…',
        actual: id,
      });
    return out;
  },
});

export const requestIdReplaced = defineCheck({
  id: 'request_id_invalid_replaced',
  clauses: ['C-REQID-4'],
  description: 'An X-Request-ID outside C-REQID-1 should be replaced by a generated one.',
  run({ case: c, res }) {
    const sent = sentId(c);
    if (sent === undefined || validSent(sent)) return [];
    const id = res.headers['x-request-id'];
    if (id && id !== sent && isValidRequestId(id)) return [];
    return [
      {
        clause: 'C-REQID-4',
        level: 'should',
        message: 'an invalid X-Request-ID was not replaced by a generated one',
        expected: 'a generated ID',
        actual: id ?? null,
      },
    ];
  },
});
