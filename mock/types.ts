/**
 * Types shared by the reference mock: the stored records, keys and permissions, the request
 * context every part sees, and the outcomes routers return. Nothing here is imported from
 * `generators/` or `suites/`: the mock keeps its own model of the contract.
 */
import type { operations } from '../openapi/sequence.d.ts';

/** A permission scope (C-PERM-2). */
export type Scope =
  | 'LIST_ACCOUNTS'
  | 'READ_ACCOUNTS'
  | 'LIST_RULES'
  | 'READ_RULES'
  | 'TRIGGER_RULES'
  | 'READ_RULE_EXECUTIONS'
  | 'READ_TRANSFERS'
  | 'MANUAL_TRANSFER'
  | 'READ_CARDS';

/** Every scope, in the order of the permission table. */
export const SCOPES: readonly Scope[] = [
  'LIST_ACCOUNTS',
  'READ_ACCOUNTS',
  'LIST_RULES',
  'READ_RULES',
  'TRIGGER_RULES',
  'READ_RULE_EXECUTIONS',
  'READ_TRANSFERS',
  'MANUAL_TRANSFER',
  'READ_CARDS',
];

/** The thirteen operations of C-BASE-2: the operation ids of the contract document (generated types; the mock shares no code with the suite). */
export type OperationId = keyof operations & string;

/** The scope each operation needs (C-BASE-2). */
export const OPERATION_SCOPES: Readonly<Record<OperationId, Scope>> = {
  listAccounts: 'LIST_ACCOUNTS',
  getAccount: 'READ_ACCOUNTS',
  listRules: 'LIST_RULES',
  getRule: 'READ_RULES',
  triggerRule: 'TRIGGER_RULES',
  listRuleExecutions: 'READ_RULE_EXECUTIONS',
  getRuleExecution: 'READ_RULE_EXECUTIONS',
  listTransfers: 'READ_TRANSFERS',
  getTransfer: 'READ_TRANSFERS',
  createTransfer: 'MANUAL_TRANSFER',
  listCards: 'READ_CARDS',
  getCard: 'READ_CARDS',
  listCardTransactions: 'READ_CARDS',
};

/** A MANUAL_TRANSFER resource entry: source and target are account IDs or `*`. */
export interface TransferPair {
  source: string;
  target: string;
  max_amount?: number;
}

/** One permission entry, in the profile format (C-PERM-1, C-PERM-2). */
export interface PermissionEntry {
  scope: Scope;
  resources?: string[] | TransferPair[];
}

/** A scope's resource list, compiled for O(1) checks. */
export interface CompiledIds {
  star: boolean;
  ids: ReadonlySet<string>;
}

/** An API key as the mock stores it. */
export interface ApiKey {
  id: string;
  secret: string;
  /** Organization label (`main`, `other`). */
  org: string;
  revoked: boolean;
  permissions: PermissionEntry[];
  /** Union of the ID lists per scope (C-PERM-1); a scope with no entry is absent. */
  scopes: ReadonlyMap<Scope, CompiledIds>;
  /** Every MANUAL_TRANSFER pair across entries. */
  pairs: readonly TransferPair[];
}

/** Account types. */
export type AccountType = 'income_source' | 'pod' | 'external_account';

/** A stored account; API fields plus the owning organization. */
export interface AccountRec {
  org: string;
  id: string;
  name: string;
  type: AccountType;
  description: string | null;
  external_account_type: string | null;
  beneficiary_name: string;
  institution_name: string;
  can_be_source: boolean;
  can_be_destination: boolean;
  balance_in_cents: number;
  created_at: string;
  createdMs: number;
}

/** Rule trigger types (upper case, unlike executions). */
export type RuleTriggerType = 'MANUAL' | 'ON_FUNDS_TRANSFERRED' | 'SCHEDULED';

/** A stored rule. */
export interface RuleRec {
  org: string;
  id: string;
  nickname: string;
  description: string | null;
  status: 'enabled' | 'disabled';
  trigger_type: RuleTriggerType;
  source_id: string;
  /** Where the rule's transfers go (the first action's destination). */
  destination_id: string;
  amount_in_cents: number;
  steps: Array<{ conditions: unknown; actions: unknown[] }>;
  created_at: string;
  createdMs: number;
}

/** Execution statuses. */
export type ExecutionStatus = 'in_progress' | 'executed' | 'partial' | 'failed';

/** A stored rule execution. */
export interface ExecutionRec {
  org: string;
  id: string;
  rule_id: string;
  trigger_type: 'manual' | 'scheduled' | 'on_funds_transferred';
  status: ExecutionStatus;
  trigger_details: Record<string, unknown> & { type: string };
  transfer_ids: string[];
  created_at: string;
  createdMs: number;
  /** Amount the pending execution moves when it settles. */
  amountInCents?: number;
}

/** Transfer statuses. */
export type TransferStatus =
  'pending_approval' | 'processing' | 'pending' | 'complete' | 'error' | 'cancelled' | 'incomplete';

/** A stored transfer. */
export interface TransferRec {
  org: string;
  id: string;
  amount_in_cents: number;
  direction: 'money_in' | 'money_out' | 'internal';
  origin: 'paycheck' | 'check_deposit' | 'cashback' | 'user_pull' | 'rule' | 'user' | 'external_pull';
  status: TransferStatus;
  source_id: string;
  destination_id: string;
  description: string | null;
  rule_execution_id: string | null;
  created_at: string;
  createdMs: number;
}

/** A stored card. */
export interface CardRec {
  org: string;
  id: string;
  type: 'virtual' | 'physical';
  status: 'active' | 'inactive' | 'frozen' | 'stolen' | 'lost';
  last_four: string;
  holder_name: string;
  expiration_date: string;
  account_id: string;
  created_at: string;
  createdMs: number;
}

/** A stored card transaction. */
export interface CardTxnRec {
  org: string;
  id: string;
  card_id: string;
  amount_in_cents: number;
  direction: 'debit' | 'credit';
  merchant_name: string;
  status: 'completed' | 'pending' | 'declined';
  created_at: string;
  createdMs: number;
}

/** Anything a list pages over: ordered by created time, ties by id. */
export interface Dated {
  id: string;
  createdMs: number;
}

/** Error kinds; {@link MockParts.errorMapper} turns them into status, code and body. */
export type ErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_request'
  | 'resource_not_found'
  | 'rule_disabled'
  | 'idempotency_conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'unknown_path'
  | 'internal';

/** A failed outcome. Plain object, not an Error: no stack is captured on hot paths. */
export interface Fail {
  ok: false;
  kind: ErrorKind;
  message: string;
  /** The resource the error is about, when it was looked up; the default mapper never shows it (C-PERM-8). */
  subject?: unknown;
}

/** A successful outcome: the status and the envelope's `data` (and `page_info` for pages). */
export interface Ok {
  ok: true;
  status: number;
  data: unknown;
  pageInfo?: PageInfo;
}

/** What a router answers. */
export type Outcome = Ok | Fail;

/** `page_info` of a paged list (C-LIST-3). */
export interface PageInfo {
  has_next_page: boolean;
  end_cursor: string | null;
}

/** Parsed query string: first value per name, names given more than once, and whether decoding failed. */
export interface Query {
  values: Map<string, string>;
  repeated: Set<string>;
  malformed: boolean;
}

/** A decoded `after` cursor: the position of the last item of the previous page. */
export interface CursorPos {
  createdMs: number;
  id: string;
}

/** What the kernel hands to routers for one authenticated, in-scope request. */
export interface Ctx {
  op: OperationId;
  parts: import('./app.ts').MockParts;
  store: import('./store.ts').Store;
  key: ApiKey;
  /** Path parameter `id`, percent-decoded when possible. */
  pathId: string | undefined;
  query: Query;
  /** Raw request body (POST only). */
  body: string | undefined;
  /** Path below the base URL, e.g. `/transfers`; idempotency compares it. */
  path: string;
  idempotencyKey: string | undefined;
  /** The request's headers as Node parsed them (lower-case names). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  now: number;
  requestId: string;
}

/** Builds a {@link Fail}. */
export function fail(kind: ErrorKind, message: string, subject?: unknown): Fail {
  return subject === undefined ? { ok: false, kind, message } : { ok: false, kind, message, subject };
}

/** Builds an {@link Ok}. */
export function ok(status: number, data: unknown, pageInfo?: PageInfo): Ok {
  return pageInfo === undefined ? { ok: true, status, data } : { ok: true, status, data, pageInfo };
}
