/**
 * `errorMapper` part (C-BODY-2, C-PERM-8, C-REQID): an error kind becomes its status, its
 * code and the exact body `{error: {code, message}, request_id}`, with the request ID header.
 * The failure's `subject` (the object looked up) is never shown.
 */
import type { ErrorKind, Fail } from '../types.ts';

/** A response ready to write. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Maps a failure to its response. */
export type ErrorMapper = (error: Fail, requestId: string) => ErrorResponse;

/** Status and code of each kind. */
export const ERROR_TABLE: Readonly<Record<ErrorKind, { status: number; code: string }>> = {
  unauthorized: { status: 401, code: 'unauthorized' },
  forbidden: { status: 403, code: 'forbidden' },
  invalid_request: { status: 400, code: 'invalid_request' },
  resource_not_found: { status: 404, code: 'resource_not_found' },
  rule_disabled: { status: 409, code: 'rule_disabled' },
  idempotency_conflict: { status: 409, code: 'idempotency_conflict' },
  rate_limited: { status: 429, code: 'rate_limited' },
  payload_too_large: { status: 413, code: 'payload_too_large' },
  method_not_allowed: { status: 405, code: 'method_not_allowed' },
  unknown_path: { status: 404, code: 'resource_not_found' },
  internal: { status: 500, code: 'internal_error' },
};

/** Default mapping. */
export const errorMapper: ErrorMapper = (error, requestId) => {
  const { status, code } = ERROR_TABLE[error.kind];
  return {
    status,
    headers: { 'X-Request-ID': requestId },
    body: { error: { code, message: error.message || code }, request_id: requestId },
  };
};
