/**
 * The contract's clause ids with a one-line summary each, its clause families and their titles:
 * the one table every layer types its clause ids from, so that reports explain a finding without
 * the contract file at hand. Written from `contract.md`; C-SHAPE has no numbered ids.
 */

/** Every clause id of the contract, with its one-line summary. */
export const CLAUSES = {
  'C-BASE-1': 'All paths live under one versioned base URL; the suite appends paths to it as given.',
  'C-BASE-2': 'The thirteen operations in scope, each with its scope and how its resource is found.',
  'C-AUTH-1':
    'No Authorization header, an empty key, another scheme, an unknown or a revoked key MUST get 401 unauthorized.',
  'C-AUTH-2': 'The scheme name is case-insensitive: "apikey <key>" SHOULD be accepted like "ApiKey <key>".',
  'C-AUTH-3': 'Authentication is decided first: a request that is also malformed or forbidden still gets 401.',
  'C-PERM-1': 'Several permission entries with the same scope are a union.',
  'C-PERM-2':
    'Resources are ID lists or ["*"] for READ_*/TRIGGER_RULES, absent for LIST_*, {source, target, max_amount?} for MANUAL_TRANSFER.',
  'C-PERM-2b':
    'LIST_ACCOUNTS and LIST_RULES return the whole organization, not narrowed by READ_ACCOUNTS or READ_RULES lists.',
  'C-PERM-3': "A key with no entry for the operation's scope MUST get 403 forbidden, before any validation.",
  'C-PERM-4': "A request-addressed ID outside the key's list MUST get 403 forbidden, even if no such resource exists.",
  'C-PERM-5':
    "Object-addressed: a missing object MUST get 404; an object linked to an account or rule outside the key's list MUST get 403.",
  'C-PERM-6':
    'createTransfer needs a MANUAL_TRANSFER entry matching source, target (or *) and amount <= max_amount; otherwise 403.',
  'C-PERM-7': 'A denied request MUST have no effect: no transfer, no rule execution, no idempotency record.',
  'C-PERM-8': 'A 403 or 404 body MUST NOT contain any field of the resource asked for.',
  'C-ORG-1': "Another organization's resources do not exist for a key: 404 resource_not_found, never 200.",
  'C-ORG-2': 'List operations MUST NOT return items of another organization.',
  'C-VAL-1': 'A missing or empty required filter (account_id, rule_id) MUST get 400 invalid_request.',
  'C-VAL-2':
    'A bad enum, a first outside 1..100, a foreign or empty after cursor, or a bad from/to date-time MUST get 400.',
  'C-VAL-3':
    'A malformed createTransfer body (bad JSON, missing or bad fields, equal source and destination) MUST get 400.',
  'C-VAL-4':
    'A triggerRule body that is not an object or has a bad manual_execute_amount MUST get 400; the amount is for MANUAL rules only.',
  'C-FOUND-1':
    "A resource that does not exist in the key's organization, once its ID is permitted or looked up, MUST get 404.",
  'C-FOUND-2': 'An ID of the wrong shape is treated like any unknown ID: 403 or 404, never 500, never 200.',
  'C-STATE-1':
    'createTransfer answers 201 processing/user with the right direction; the transfer is then readable and listed.',
  'C-STATE-2':
    'triggerRule answers 202 with a rex_ execution_id that is then readable as a manual execution of that rule and listed.',
  'C-STATE-3': 'Triggering a disabled rule MUST get 409 rule_disabled and start nothing.',
  'C-STATE-4':
    'An Idempotency-Key replay MUST return the same status and data without acting again; a different path or body gets 409.',
  'C-REQID-1': 'A valid client X-Request-ID (1-128 visible ASCII) MUST come back unchanged on every response.',
  'C-REQID-2':
    'Success bodies MUST carry request_id equal to the X-Request-ID header; an error body may, and then must match.',
  'C-REQID-3': 'Without a client ID the server MUST generate a new one each time; it SHOULD start with req_.',
  'C-REQID-4': 'An invalid client X-Request-ID SHOULD be replaced by a generated one and MUST NOT cause a 5xx.',
  'C-BODY-1': 'Every body is JSON with Content-Type application/json and MUST validate against the operation schema.',
  'C-BODY-2':
    'Success bodies are {request_id, data}; error bodies are {error: {code, message}} with the code of their status.',
  'C-BODY-3': 'No 5xx for any request the suite sends.',
  'C-LIST-1': 'Every list item satisfies every filter sent.',
  'C-LIST-2':
    'Filtered lists return exactly the matching items: transfers of the account, cards of the account, executions of the rule.',
  'C-LIST-3':
    'Paged lists are newest first, paged by first/after with exact page_info; walking the pages returns each item once.',
  'C-RATE-1': 'A 429 rate_limited with Retry-After is back-pressure to wait out, never a conformance failure.',
} as const satisfies Record<string, string>;

/** A clause id of the contract (`C-PERM-5`): the one table above, so a typo does not compile. */
export type ClauseId = keyof typeof CLAUSES;

/** True for a clause id of the contract. */
export function isClauseId(s: string): s is ClauseId {
  return Object.hasOwn(CLAUSES, s);
}

/** Clause families in report order. */
export const FAMILIES = [
  'C-AUTH',
  'C-PERM',
  'C-ORG',
  'C-VAL',
  'C-FOUND',
  'C-STATE',
  'C-REQID',
  'C-BODY',
  'C-LIST',
  'C-RATE',
] as const;

/** A clause family id such as `C-PERM`. */
export type ClauseFamily = (typeof FAMILIES)[number];

/** Titles of the families, for headings. */
export const FAMILY_TITLES: Readonly<Record<string, string>> = {
  'C-BASE': 'Base URL and operations',
  'C-AUTH': 'Authentication (401)',
  'C-PERM': 'Permissions (403)',
  'C-ORG': 'Organizations',
  'C-VAL': 'Malformed requests (400)',
  'C-FOUND': 'Existence (404)',
  'C-STATE': 'State-changing operations',
  'C-REQID': 'Request IDs',
  'C-BODY': 'Bodies and headers',
  'C-LIST': 'Lists, filters and pages',
  'C-RATE': 'Rate limits',
  'C-SHAPE': 'Resource objects',
};
