/**
 * Misuse errors: a bad spec, a bad profile, an unreachable target or a bad command line.
 * They are raised before any conformance request is sent and never look like API failures.
 * Every code lives in {@link MISUSE_CODES}, with the one-line meaning shown to users.
 */

/** Every misuse code, with what it means. One table, so docs and `--help` can list them. */
export const MISUSE_CODES = {
  SPEC_READ_FAILED: 'the OpenAPI document could not be read or parsed',
  SPEC_INVALID_OPENAPI: 'the document is not a valid OpenAPI 3.1 document',
  SPEC_MISSING_EXTENSION: 'an operation or the document lacks a required x- extension',
  SPEC_BAD_EXTENSION: 'an x- extension does not match openapi/extensions.schema.json',
  SPEC_UNKNOWN_SCOPE: 'an operation names a scope the document does not declare in x-scopes',
  SPEC_UNDECLARED_PARAMETER: 'an extension names a parameter or body field the operation does not declare',
  SPEC_OPERATION_SET: 'the document does not hold exactly the operations of C-BASE-2',
  PROFILE_READ_FAILED: 'the profile file could not be read or parsed',
  PROFILE_INVALID: 'the profile does not match the profile schema',
  PROFILE_UNKNOWN_SCOPE: 'a permission entry names a scope the contract does not know',
  PROFILE_RESOURCES_ON_LIST_SCOPE: 'a LIST_* permission entry carries resources',
  PROFILE_BAD_RESOURCES: 'a permission entry has resources of the wrong form for its scope',
  PROFILE_BAD_TRANSFER_ENTRY: 'a MANUAL_TRANSFER entry lacks source or target, or has a bad max_amount',
  PROFILE_DUPLICATE_KEY_ID: 'two keys share an id',
  PROFILE_DUPLICATE_SECRET: 'two keys share a secret, so the server cannot tell them apart and neither can the report',
  PROFILE_MISSING_SECRET: 'a key has neither secret nor secret_env',
  PROFILE_MISSING_ENV: 'a key names a secret_env variable that is not set',
  TARGET_UNREACHABLE: 'the target base URL does not answer',
  TARGET_KEY_PROBE_FAILED: 'a profile key failed its known-allowed probe (expired, revoked or mistyped?)',
  TARGET_NOT_THIS_API: 'the base URL answers, but not as the Sequence API (most often a missing version path)',
  TARGET_DISCOVERY_FAILED:
    'no key of the profile can discover an organization (LIST_ACCOUNTS, LIST_RULES and "*" on every READ scope)',
  CLI_USAGE: 'the command line is not valid',
  OUT_NOT_WRITABLE: 'the --out directory cannot be created or written (it exists as a file, or permissions)',
  OUT_LOCKED: 'another seqconform run is writing to the same --out directory',
  STDOUT_NOT_WRITABLE: 'standard output cannot be written (a closed pipe, a full disk)',
  TLS_CA_UNREADABLE: 'the --ca file cannot be read or holds no PEM certificate',
  REPORT_READ_FAILED: 'a report or baseline file could not be read or is not of the expected form',
} as const;

/** A misuse code; see {@link MISUSE_CODES}. */
export type MisuseCode = keyof typeof MISUSE_CODES;

/**
 * A coded misuse error. `where` names the file, operation, key or field that was rejected;
 * `hint` lists valid choices where there are any.
 */
export class MisuseError extends Error {
  readonly code: MisuseCode;
  readonly where: string;
  readonly hint: string | undefined;

  constructor(code: MisuseCode, where: string, detail: string, hint?: string) {
    super(`${code} at ${where}: ${detail}${hint ? ` (${hint})` : ''}`);
    this.name = 'MisuseError';
    this.code = code;
    this.where = where;
    this.hint = hint;
  }
}

/** True when `e` is a {@link MisuseError}, optionally of the given code. */
export function isMisuse(e: unknown, code?: MisuseCode): e is MisuseError {
  return e instanceof MisuseError && (code === undefined || e.code === code);
}
