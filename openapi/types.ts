/**
 * Types of the loaded contract: what `loadContract()` returns. The shapes of the `x-` blocks
 * mirror `openapi/extensions.schema.json`; the loader validates the document against that
 * schema before any of these values exist.
 */
import type { ClauseId } from './clauses.ts';
import type { components, operations } from './sequence.d.ts';

/** A permission scope of the Sequence API (C-PERM-2). */
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

/** The thirteen operations of C-BASE-2: the operation ids of the contract document (generated types). */
export type OperationId = keyof operations & string;

/** The contract's schemas, as openapi-typescript generated them from openapi/sequence.yaml. */
export type Schemas = components['schemas'];

/** Kinds of resource objects the API serves. */
export type ObjectKind = 'account' | 'rule' | 'rule_execution' | 'transfer' | 'card' | 'card_transaction';

/** What kind of resource a scope's `resources` list names (top-level `x-scopes`). */
export interface ScopeSpec {
  /** `none` for LIST_*, `ids` for READ_* and TRIGGER_RULES, `pairs` for MANUAL_TRANSFER. */
  resources: 'none' | 'ids' | 'pairs';
  /** For `ids` and `pairs`: the object kind the IDs name. */
  kind?: 'account' | 'rule';
  description: string;
}

/** Top-level `x-resource-kinds`: how each object kind is named and reached. */
export interface ResourceKindSpec {
  /** ID prefix, e.g. `acc_` (C-FOUND-2). */
  prefix: string;
  /** Component schema name, e.g. `Account`. */
  schema: string;
  /** operationId that fetches one, if any. */
  get?: OperationId;
}

/** Where a request-addressed resource ID is read from. */
export interface ParamLocator {
  in: 'path' | 'query';
  name: string;
}

/** createTransfer: the account pair and amount read from the body (C-PERM-6). */
export interface BodyPairLocator {
  in: 'body';
  source: string;
  target: string;
  amount: string;
}

/**
 * Object-addressed: the object named by path parameter `param` is fetched, and its `fields`
 * (dotted paths) name the linked resource; with `match: any`, one field in the key's list suffices.
 */
export interface ObjectLocator {
  in: 'object';
  param: string;
  object: ObjectKind;
  fields: string[];
  match: 'any' | 'all';
}

/** Operation-level `x-permission`: its row of C-BASE-2. */
export interface XPermission {
  scope: Scope;
  /** What the permission check is about. */
  resource: 'none' | 'account' | 'rule' | 'account_pair';
  /** request: checked before lookup (C-PERM-4); object: after lookup (C-PERM-5). */
  addressing: 'none' | 'request' | 'object';
  locator?: ParamLocator | BodyPairLocator | ObjectLocator;
  /** Clause ids that govern allow/deny for this operation. */
  clauses: ClauseId[];
}

/** One filter of a list operation (C-LIST-1). */
export interface ListFilter {
  param: string;
  /** Dotted path of the item field the filter constrains. */
  field: string;
  /** eq: field equals value; gte/lte: field (a date-time) at or after / at or before. */
  op: 'eq' | 'gte' | 'lte';
  /** The field can change during an object's life (a status), so discovery-time values go stale. */
  mutable?: boolean;
}

/** The filter that decides which items a list holds exactly (C-LIST-2). */
export interface ListMembership {
  param: string;
  in: 'path' | 'query';
  /** Item fields any of which must equal the parameter value. */
  fields: string[];
  /** Optional role parameter that narrows `fields` (listTransfers' `account_role`). */
  role?: { param: string; default: string; fields: Record<string, string[]> };
}

/** Operation-level `x-list` on list operations. */
export interface XList {
  paged: boolean;
  order?: { field: string; direction: 'asc' | 'desc' };
  membership?: ListMembership;
  filters: ListFilter[];
  clauses: ClauseId[];
}

/** Operation-level `x-effect` on state-changing operations (C-STATE). */
export interface XEffect {
  /** What a success creates. */
  creates: 'transfer' | 'rule_execution';
  /** Status of a success. */
  status: number;
  /** Dotted path in the success body of the created object's ID. */
  id_field: string;
  /** operationId that reads the created object back. */
  readback: OperationId;
  idempotent: boolean;
  clauses: ClauseId[];
}

/** Minimal JSON Schema type (the dereferenced document's schemas). */
export type JsonSchema = Record<string, unknown>;

/** A parameter of an operation, after dereferencing. */
export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

/** A declared response of an operation. */
export interface ResponseSpec {
  status: number;
  schema: JsonSchema;
  /** Clause ids from the response's `x-clauses`. */
  clauses: ClauseId[];
  description: string;
}

/** One of the thirteen operations, as the suite sees it. */
export interface Operation {
  operationId: OperationId;
  method: 'get' | 'post';
  /** Path relative to the base URL, e.g. `/transfers/{id}`. */
  path: string;
  permission: XPermission;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; schema: JsonSchema };
  /** Keyed by status code as a string (`'200'`, `'403'`…). */
  responses: Record<string, ResponseSpec>;
  list?: XList;
  effect?: XEffect;
}

/** The loaded, validated, dereferenced contract. */
export interface Contract {
  /** `info.version` of the document. */
  version: string;
  /** The dereferenced OpenAPI document (for schema validation). */
  document: Record<string, unknown>;
  operations: Operation[];
  byId: ReadonlyMap<OperationId, Operation>;
  scopes: Record<Scope, ScopeSpec>;
  resourceKinds: Record<ObjectKind, ResourceKindSpec>;
}
