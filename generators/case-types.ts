/**
 * The plain data the oracle reads and the matrix writes: credentials, resource references,
 * request variants, expectations and cases. Everything here serializes to JSON as is.
 */
import type { ClauseId } from '../openapi/clauses.ts';
import type { OperationId } from '../openapi/types.ts';

/**
 * How a request authenticates (C-AUTH). `key` and `lowercase` use a profile key; `bearer`, `basic`,
 * `suffixed` (the secret plus one character) and `truncated` (less its last) carry its secret in a
 * form the server must refuse.
 */
export type CredentialKind =
  'key' | 'lowercase' | 'none' | 'empty' | 'bearer' | 'basic' | 'unknown' | 'suffixed' | 'truncated';

/** An account or rule as the oracle needs to know it. `org` is the owner label, null if it exists nowhere. */
export interface IdRef {
  id: string;
  org: string | null;
  /** The ID is not even of the right shape (C-FOUND-2). */
  wrongShape?: boolean;
}

/** A rule, with what triggerRule's later checks read (C-VAL-4, C-STATE-3). */
export interface RuleRef extends IdRef {
  status?: 'enabled' | 'disabled';
  trigger_type?: 'MANUAL' | 'ON_FUNDS_TRANSFERRED' | 'SCHEDULED';
}

/** The resource a cell is about. */
export type ResourceRef =
  | { kind: 'none' }
  /** Request-addressed account or rule ID (C-PERM-4). */
  | { kind: 'id'; ref: RuleRef }
  /** Object-addressed: the fetched object and the IDs its locator fields hold (C-PERM-5). */
  | { kind: 'object'; id: string; org: string | null; links: string[]; wrongShape?: boolean }
  /** createTransfer's pair and amount (C-PERM-6). */
  | { kind: 'pair'; source: IdRef; target: IdRef; amount: number };

/** A defect put into a request on purpose; the contract wants it caught after scope, before resources (C-VAL). */
export interface Defect {
  /** Stable name, e.g. `missing_account_id`, `first_0`, `bad_json`. */
  name: string;
  clause: ClauseId;
}

/** What the oracle predicts for one cell. */
export interface Expectation {
  status: number;
  /** Error code for non-2xx; null for success. */
  code: string | null;
  /** The clause that decides this outcome. */
  clause: ClauseId;
  because: string;
  /** `should`: a deviation is a warning (contract SHOULD), not a failure. */
  level: 'must' | 'should';
  /** Which step of the contract's order decided it. */
  step: 'auth' | 'scope' | 'validation' | 'request_resource' | 'existence' | 'object_resource' | 'state' | 'allow';
}

/** What the oracle needs of the key a request uses; never the secret. */
export interface KeyView {
  id: string;
  org: string;
  revoked: boolean;
  permissions: ReadonlyArray<{
    scope: string;
    resources?: ReadonlyArray<string | { source: string; target: string; max_amount?: number }>;
  }>;
}

/** A request variant: how the request departs from a plain, well-formed one. */
export interface Variant {
  credential: CredentialKind;
  defect?: Defect;
  /** triggerRule: the body sets manual_execute_amount (allowed only on MANUAL rules, C-VAL-4). */
  manualAmount?: boolean;
  /** A well-formed boundary value that must be accepted (`first=100`, 255 characters…), with its clause. */
  edge?: { name: string; clause: ClauseId };
  /** X-Request-ID sent: undefined for none. */
  requestId?: string;
}

/** True for an X-Request-ID a server must echo: 1 to 128 visible ASCII characters (C-REQID-1). */
export function isValidRequestId(v: string): boolean {
  return /^[\x21-\x7E]{1,128}$/.test(v);
}

/** A concrete HTTP request, with no credential in it (added at send time from the key id). */
export interface RequestSpec {
  /** GET and POST for the contract's operations; the robustness phase also sends methods the API does not have. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the base URL with parameters filled in, e.g. `/cards/card_01/transactions`. */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  /** JSON body, or a raw string for bodies that are not JSON on purpose. */
  body?: unknown;
  rawBody?: string;
  /** A write that tests behaviour without an Idempotency-Key: the transport gives it none, and never retries it once sent. */
  withoutIdempotencyKey?: true;
  /** A query string sent as it is (after `query`), for encodings `query` would normalize. */
  rawQuery?: string;
  /** Send the body without a Content-Type header. */
  omitContentType?: true;
}

/** The suite group a cell belongs to: the vitest file that runs it (`authn`, `lists`…). Clause families (`C-PERM`) are another thing. */
export type Group =
  'authn' | 'permissions' | 'org' | 'validation' | 'request_id' | 'lists' | 'state' | 'discovery' | 'robustness';

/** One cell of the matrix: plain data, its id a hash of its content. */
export interface Case {
  id: string;
  group: Group;
  operationId: OperationId;
  /** Profile key id, or null when the credential is not a profile key. */
  keyId: string | null;
  credential: CredentialKind;
  /** Short label of the resource for reports, e.g. `acc_01H… (other org)`. */
  resource: string;
  variant: string;
  request: RequestSpec;
  expect: Expectation;
  /** True when the request may change state on the target. */
  write: boolean;
}

/**
 * A multi-request cell: what every scenario kind's data holds. Each kind (suites/scenarios/)
 * extends it with its own fields; all of it is plain, serializable data with a content id.
 */
export interface Scenario {
  id: string;
  /** The registered kind that builds and runs it (`page_walk`, `idempotent_replay`…). */
  kind: string;
  operationId: OperationId;
  keyId: string;
  path: string;
  /** The clause the scenario is about. */
  clause: ClauseId;
}
