/**
 * Loads `openapi/sequence.yaml`, validates it as OpenAPI 3.1 and its vendor extensions against
 * `openapi/extensions.schema.json`, cross-checks the extensions against the operations they sit
 * on, and returns the dereferenced, deep-frozen {@link Contract}.
 */
import { isClauseId, type ClauseId } from './clauses.ts';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { MisuseError } from './errors.ts';
import { CACHE_DIR } from './yaml-cache.ts';
import type {
  Contract,
  JsonSchema,
  ObjectKind,
  Operation,
  OperationId,
  ParameterSpec,
  ResourceKindSpec,
  ResponseSpec,
  Scope,
  ScopeSpec,
  XEffect,
  XList,
  XPermission,
} from './types.ts';

/** Absolute path of the bundled contract document. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('./sequence.yaml', import.meta.url));

/** Absolute path of the JSON Schema of the vendor extensions. */
export const EXTENSIONS_SCHEMA_PATH = fileURLToPath(new URL('./extensions.schema.json', import.meta.url));

/** The thirteen operations of C-BASE-2 with their method and path, in contract order. */
export const EXPECTED_OPERATIONS: Readonly<Record<OperationId, { method: 'get' | 'post'; path: string }>> =
  Object.freeze({
    listAccounts: { method: 'get', path: '/accounts' },
    getAccount: { method: 'get', path: '/accounts/{id}' },
    listRules: { method: 'get', path: '/rules' },
    getRule: { method: 'get', path: '/rules/{id}' },
    triggerRule: { method: 'post', path: '/rules/{id}/trigger' },
    listRuleExecutions: { method: 'get', path: '/rule-executions' },
    getRuleExecution: { method: 'get', path: '/rule-executions/{id}' },
    listTransfers: { method: 'get', path: '/transfers' },
    getTransfer: { method: 'get', path: '/transfers/{id}' },
    createTransfer: { method: 'post', path: '/transfers' },
    listCards: { method: 'get', path: '/cards' },
    getCard: { method: 'get', path: '/cards/{id}' },
    listCardTransactions: { method: 'get', path: '/cards/{id}/transactions' },
  });

const LIST_OPERATIONS: ReadonlySet<OperationId> = new Set([
  'listAccounts',
  'listRules',
  'listRuleExecutions',
  'listTransfers',
  'listCards',
  'listCardTransactions',
]);

const EFFECT_OPERATIONS: ReadonlySet<OperationId> = new Set(['createTransfer', 'triggerRule']);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = Record<string, unknown>;

/**
 * Reads, validates and dereferences a contract document.
 *
 * @param file - Path of the YAML (or JSON) document; defaults to the bundled `openapi/sequence.yaml`.
 * @throws MisuseError with a `SPEC_*` code when the document cannot be used.
 */
export async function loadContract(
  file: string = DEFAULT_SPEC_PATH,
  opts: { cacheDir?: string } = {},
): Promise<Contract> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new MisuseError('SPEC_READ_FAILED', file, `cannot read the file: ${(e as Error).message}`);
  }
  const cacheFile = opts.cacheDir ? join(opts.cacheDir, `contract-${checkedKey(text)}.json`) : undefined;
  if (cacheFile) {
    const deref = readChecked(cacheFile);
    try {
      if (deref) return contractOf(deref, file);
    } catch {
      // A damaged copy is ignored: the document is checked from its text below.
    }
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? `${file}:${e.linePos[0].line}:${e.linePos[0].col}` : file;
    throw new MisuseError('SPEC_READ_FAILED', where, `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObject(doc)) {
    throw new MisuseError('SPEC_READ_FAILED', file, 'the document is not a YAML mapping');
  }
  const contract = await loadContractFromObject(doc, file);
  if (cacheFile) writeChecked(cacheFile, contract.document);
  return contract;
}

/** Where {@link getContract} keeps the bundled document as checked and dereferenced, between processes. */
export const CONTRACT_CACHE_DIR = CACHE_DIR;

/**
 * What a checked document depends on: its text, the extension schema, this loader and the
 * OpenAPI parser's version. The same inputs get the same verdict, so a document that passed
 * once need not be parsed, validated and dereferenced again (about a second of each start-up).
 */
function checkedKey(text: string): string {
  const h = createHash('sha1').update(text);
  for (const url of [
    EXTENSIONS_SCHEMA_PATH,
    fileURLToPath(import.meta.url),
    fileURLToPath(new URL('../node_modules/@readme/openapi-parser/package.json', import.meta.url)),
  ]) {
    try {
      h.update('\0').update(readFileSync(url));
    } catch {
      h.update('\0missing');
    }
  }
  return h.digest('hex').slice(0, 16);
}

function readChecked(file: string): Json | undefined {
  try {
    const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

function writeChecked(file: string, deref: unknown): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(deref));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs the next start the check again.
  }
}

let cached: Promise<Contract> | undefined;

/** The bundled contract, loaded once per process (from the checked copy when the document is unchanged). */
export function getContract(): Promise<Contract> {
  cached ??= loadContract(DEFAULT_SPEC_PATH, { cacheDir: CONTRACT_CACHE_DIR }).catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

/**
 * Validates and dereferences an already parsed document. The input is not modified.
 *
 * @param doc - The parsed OpenAPI document.
 * @param label - Names the document in error messages (a file path or a test label).
 * @throws MisuseError with a `SPEC_*` code when the document cannot be used.
 */
export async function loadContractFromObject(doc: object, label: string): Promise<Contract> {
  if (!isObject(doc)) throw new MisuseError('SPEC_INVALID_OPENAPI', label, 'the document is not an object');
  const raw = structuredClone(doc) as Json;
  await validateOpenApiDocument(raw, label);
  return contractOf(await dereferenceDocument(raw, label), label);
}

/** The contract of a valid, dereferenced document: the operation set and every extension checked. */
function contractOf(deref: Json, label: string): Contract {
  const ops = collectOperations(deref, label);
  checkOperationSet(ops, label);

  const validators = extensionValidators();
  const scopes = requireExtension<Record<Scope, ScopeSpec>>(deref, 'x-scopes', validators.XScopes, '', label);
  const resourceKinds = requireExtension<Record<ObjectKind, ResourceKindSpec>>(
    deref,
    'x-resource-kinds',
    validators.XResourceKinds,
    '',
    label,
  );
  const componentSchemas = (
    isObject(deref.components) && isObject(deref.components.schemas) ? deref.components.schemas : {}
  ) as Record<string, JsonSchema>;
  for (const [kind, spec] of Object.entries(resourceKinds)) {
    if (!componentSchemas[spec.schema]) {
      throw new MisuseError(
        'SPEC_BAD_EXTENSION',
        `x-resource-kinds.${kind}.schema`,
        `no component schema named ${spec.schema}`,
      );
    }
  }

  const operations = ops.map((found) => buildOperation(found, validators, label));
  for (const op of operations) {
    checkPermission(op, scopes, resourceKinds, componentSchemas);
    if (op.list) checkList(op, op.list);
    if (op.effect) checkEffect(op, op.effect, resourceKinds);
  }

  const byId = new ReadOnlyMap(operations.map((op) => [op.operationId, op] as const));
  const info = isObject(deref.info) ? deref.info : {};
  return deepFreeze({
    version: String(info.version),
    document: deref,
    operations,
    byId,
    scopes,
    resourceKinds,
  } satisfies Contract);
}

async function validateOpenApiDocument(raw: Json, label: string): Promise<void> {
  if (typeof raw.openapi !== 'string' || !/^3\.1\.\d+$/.test(raw.openapi)) {
    throw new MisuseError(
      'SPEC_INVALID_OPENAPI',
      'openapi',
      `${label}: openapi must be 3.1.x, got ${JSON.stringify(raw.openapi)}`,
    );
  }
  const { compileErrors, validate: validateOpenApi } = await import('@readme/openapi-parser');
  let result: Awaited<ReturnType<typeof validateOpenApi>>;
  try {
    result = await validateOpenApi(structuredClone(raw) as never);
  } catch (e) {
    throw new MisuseError('SPEC_INVALID_OPENAPI', label, `the OpenAPI parser failed: ${(e as Error).message}`);
  }
  if (result.valid) return;
  const message = compileErrors(result);
  throw new MisuseError('SPEC_INVALID_OPENAPI', await locateParserError(raw, message, label), message);
}

/** Names the operation and field a parser message points at, or the label when it cannot. */
async function locateParserError(raw: Json, message: string, label: string): Promise<string> {
  const pointer = /`\/paths(\/[^`]*?)\/(get|put|post|delete|options|head|patch|trace)(\/[^`]*)?`/.exec(message);
  if (pointer) {
    const rest = (pointer[3] ?? '').split('/').filter(Boolean).join('.');
    return joinWhere(operationName(raw, pointer[1]!, pointer[2]!), rest);
  }
  const frame = /^>\s*(\d+)\s*\|/m.exec(message);
  if (!frame) return label;
  const { dereference } = await import('@readme/openapi-parser');
  let deref: Json;
  try {
    deref = (await dereference(structuredClone(raw) as never)) as unknown as Json;
  } catch {
    return label;
  }
  const keys = jsonKeysAtLine(JSON.stringify(deref, null, 2), Number(frame[1]));
  if (keys[0] === 'paths' && keys.length >= 3 && (HTTP_METHODS as readonly string[]).includes(keys[2]!)) {
    return joinWhere(operationName(raw, keys[1]!, keys[2]!), keys.slice(3).join('.'));
  }
  if (keys[0] === 'paths' && keys.length >= 2) {
    const item = isObject(raw.paths) ? raw.paths[keys[1]!] : undefined;
    const methods = isObject(item) ? HTTP_METHODS.filter((m) => m in item) : [];
    if (methods.length)
      return joinWhere(methods.map((m) => operationName(raw, keys[1]!, m)).join(', '), keys.slice(2).join('.'));
  }
  return keys.length ? keys.join('.') : label;
}

/** The object keys enclosing line `line` (1-based) of `JSON.stringify(x, null, 2)` output. */
function jsonKeysAtLine(text: string, line: number): string[] {
  const lines = text.split('\n');
  const stack: (string | undefined)[] = [];
  for (let i = 0; i < Math.min(line, lines.length); i++) {
    const current = lines[i]!;
    const depth = (current.length - current.trimStart().length) / 2;
    const key = /^ *"((?:[^"\\]|\\.)*)":/.exec(current);
    stack.length = Math.max(0, depth - 1);
    if (key) stack[depth - 1] = JSON.parse(`"${key[1]}"`) as string;
  }
  return stack.filter((k): k is string => k !== undefined);
}

function operationName(doc: Json, path: string, method: string): string {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const item = paths[path];
  const op = isObject(item) ? item[method] : undefined;
  const id = isObject(op) ? op.operationId : undefined;
  return typeof id === 'string' ? id : `${method.toUpperCase()} ${path}`;
}

async function dereferenceDocument(raw: Json, label: string): Promise<Json> {
  const { dereference } = await import('@readme/openapi-parser');
  try {
    return (await dereference(structuredClone(raw) as never, { dereference: { circular: false } })) as unknown as Json;
  } catch (e) {
    throw new MisuseError('SPEC_INVALID_OPENAPI', label, `cannot dereference: ${(e as Error).message}`);
  }
}

interface FoundOperation {
  method: string;
  path: string;
  pathItem: Json;
  op: Json;
  name: string;
}

function collectOperations(deref: Json, label: string): FoundOperation[] {
  const found: FoundOperation[] = [];
  const paths = isObject(deref.paths) ? deref.paths : {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of Object.keys(pathItem)) {
      if (!(HTTP_METHODS as readonly string[]).includes(method)) continue;
      const op = pathItem[method];
      if (!isObject(op))
        throw new MisuseError(
          'SPEC_INVALID_OPENAPI',
          `${method.toUpperCase()} ${path}`,
          `${label}: not an operation object`,
        );
      const name = typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`;
      found.push({ method, path, pathItem, op, name });
    }
  }
  return found;
}

function checkOperationSet(ops: FoundOperation[], label: string): void {
  const expected = EXPECTED_OPERATIONS as Record<string, { method: string; path: string }>;
  for (const { method, path, op, name } of ops) {
    if (typeof op.operationId !== 'string') {
      throw new MisuseError('SPEC_OPERATION_SET', name, `${label}: the operation has no operationId`);
    }
    const want = expected[op.operationId];
    if (!want) {
      throw new MisuseError(
        'SPEC_OPERATION_SET',
        name,
        `${label}: ${method.toUpperCase()} ${path} is not one of the operations of C-BASE-2`,
        `expected exactly: ${Object.keys(expected).join(', ')}`,
      );
    }
    if (want.method !== method || want.path !== path) {
      throw new MisuseError(
        'SPEC_OPERATION_SET',
        name,
        `${label}: C-BASE-2 puts ${name} at ${want.method.toUpperCase()} ${want.path}, not ${method.toUpperCase()} ${path}`,
      );
    }
  }
  const present = new Set(ops.map((o) => o.name));
  const missing = Object.keys(expected).filter((id) => !present.has(id));
  if (missing.length) {
    throw new MisuseError(
      'SPEC_OPERATION_SET',
      missing[0]!,
      `${label}: missing operations of C-BASE-2: ${missing.join(', ')}`,
    );
  }
}

type ExtensionDef = 'XScopes' | 'XResourceKinds' | 'XPermission' | 'XList' | 'XEffect' | 'XClauses';
type Validators = Record<ExtensionDef, ValidateFunction>;
let validatorCache: Validators | undefined;

function extensionValidators(): Validators {
  if (validatorCache) return validatorCache;
  const schema = JSON.parse(readFileSync(EXTENSIONS_SCHEMA_PATH, 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: false, strictTypes: false });
  ajv.addSchema(schema);
  const get = (def: ExtensionDef): ValidateFunction => {
    const v = ajv.getSchema(`${schema.$id}#/$defs/${def}`);
    if (!v) throw new Error(`extensions.schema.json has no $defs/${def}`);
    return v;
  };
  validatorCache = {
    XScopes: get('XScopes'),
    XResourceKinds: get('XResourceKinds'),
    XPermission: get('XPermission'),
    XList: get('XList'),
    XEffect: get('XEffect'),
    XClauses: get('XClauses'),
  };
  return validatorCache;
}

function requireExtension<T>(host: Json, key: string, validator: ValidateFunction, owner: string, label: string): T {
  if (!(key in host)) {
    throw new MisuseError('SPEC_MISSING_EXTENSION', joinWhere(owner, key), `${label}: ${key} is required here`);
  }
  return checkExtension<T>(host[key], key, validator, owner, label);
}

function checkExtension<T>(value: unknown, key: string, validator: ValidateFunction, owner: string, label: string): T {
  if (!validator(value)) {
    const err = validator.errors![0]!;
    throw new MisuseError(
      'SPEC_BAD_EXTENSION',
      joinWhere(owner, key + errorPath(err)),
      `${label}: ${describeAjvError(err)}`,
    );
  }
  return value as T;
}

/** `/filters/2/param` plus the missing or extra property → `.filters[2].param`. */
function errorPath(err: ErrorObject): string {
  const segments = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = err.params as { missingProperty?: string; additionalProperty?: string; propertyName?: string };
  const extra = params.missingProperty ?? params.additionalProperty ?? params.propertyName;
  if (extra !== undefined && err.keyword !== 'propertyNames') segments.push(extra);
  return segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
}

function describeAjvError(err: ErrorObject): string {
  const params = err.params as { allowedValues?: unknown[]; additionalProperty?: string; propertyName?: string };
  if (params.allowedValues) return `${err.message}: ${params.allowedValues.join(', ')}`;
  if (params.additionalProperty) return `${err.message}: ${params.additionalProperty}`;
  if (err.keyword === 'propertyNames' || params.propertyName) return `unknown key ${params.propertyName ?? ''}`.trim();
  return err.message ?? 'does not match extensions.schema.json';
}

/** The clause ids an extension names, each one the contract's (openapi/clauses.ts): a typo is a SPEC error, not a silent new clause. */
function knownClauses(ids: readonly string[], where: string, label: string): ClauseId[] {
  const unknown = ids.filter((c) => !isClauseId(c));
  if (unknown.length)
    throw new MisuseError(
      'SPEC_BAD_EXTENSION',
      where,
      `${label}: unknown clause id ${unknown.join(', ')}`,
      'valid: the ids of openapi/clauses.ts',
    );
  return ids as ClauseId[];
}

function buildOperation(found: FoundOperation, validators: Validators, label: string): Operation {
  const { op, pathItem, method, path } = found;
  const id = op.operationId as OperationId;
  const permission = requireExtension<XPermission>(op, 'x-permission', validators.XPermission, id, label);
  knownClauses(permission.clauses, `${id} x-permission.clauses`, label);

  let list: XList | undefined;
  if (LIST_OPERATIONS.has(id)) {
    list = requireExtension<XList>(op, 'x-list', validators.XList, id, label);
    knownClauses(list.clauses, `${id} x-list.clauses`, label);
  } else if ('x-list' in op)
    throw new MisuseError('SPEC_BAD_EXTENSION', `${id} x-list`, `${label}: ${id} is not a list operation`);

  let effect: XEffect | undefined;
  if (EFFECT_OPERATIONS.has(id)) {
    effect = requireExtension<XEffect>(op, 'x-effect', validators.XEffect, id, label);
    knownClauses(effect.clauses, `${id} x-effect.clauses`, label);
  } else if ('x-effect' in op)
    throw new MisuseError('SPEC_BAD_EXTENSION', `${id} x-effect`, `${label}: ${id} changes no state`);

  const parameters = mergeParameters(asArray(pathItem.parameters), asArray(op.parameters));

  let requestBody: Operation['requestBody'];
  if (isObject(op.requestBody)) {
    requestBody = {
      required: op.requestBody.required === true,
      schema: jsonSchemaOf(op.requestBody, `${id} requestBody`),
    };
  }

  const responses: Record<string, ResponseSpec> = {};
  for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
    const where = `${id} responses.${status}`;
    if (!/^[1-5][0-9]{2}$/.test(status)) {
      throw new MisuseError(
        'SPEC_INVALID_OPENAPI',
        where,
        `${label}: the contract needs explicit status codes, not ${status}`,
      );
    }
    if (!isObject(response)) throw new MisuseError('SPEC_INVALID_OPENAPI', where, `${label}: not a response object`);
    const clauses = knownClauses(
      requireExtension<string[]>(response, 'x-clauses', validators.XClauses, `${where}.`, label),
      `${where} x-clauses`,
      label,
    );
    responses[status] = {
      status: Number(status),
      schema: jsonSchemaOf(response, where),
      clauses,
      description: String(response.description ?? ''),
    };
  }

  return {
    operationId: id,
    method: method as 'get' | 'post',
    path,
    permission,
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(list ? { list } : {}),
    ...(effect ? { effect } : {}),
  };
}

function jsonSchemaOf(host: Json, where: string): JsonSchema {
  const content = isObject(host.content) ? host.content : {};
  const media = content['application/json'];
  if (!isObject(media) || !isObject(media.schema)) {
    throw new MisuseError('SPEC_INVALID_OPENAPI', `${where}.content`, 'needs an application/json schema (C-BODY-1)');
  }
  return media.schema;
}

/** Path-item parameters, overridden by operation parameters of the same name and location. */
function mergeParameters(pathLevel: unknown[], opLevel: unknown[]): ParameterSpec[] {
  const merged = new Map<string, ParameterSpec>();
  for (const p of [...pathLevel, ...opLevel]) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header') continue;
    const key = `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
    merged.delete(key);
    merged.set(key, {
      name: p.name,
      in: p.in,
      required: p.required === true,
      schema: isObject(p.schema) ? p.schema : {},
    });
  }
  return [...merged.values()];
}

function hasParameter(op: Operation, name: string, where: 'path' | 'query'): boolean {
  return op.parameters.some((p) => p.name === name && p.in === where);
}

function undeclared(op: Operation, field: string, name: string, where: string): MisuseError {
  const declared = op.parameters.filter((p) => p.in !== 'header').map((p) => `${p.in} ${p.name}`);
  return new MisuseError(
    'SPEC_UNDECLARED_PARAMETER',
    `${op.operationId} ${field}`,
    `${name} is not a ${where} parameter of ${op.operationId}`,
    declared.length ? `declared: ${declared.join(', ')}` : undefined,
  );
}

function checkPermission(
  op: Operation,
  scopes: Record<Scope, ScopeSpec>,
  kinds: Record<ObjectKind, ResourceKindSpec>,
  schemas: Record<string, JsonSchema>,
): void {
  const perm = op.permission;
  const id = op.operationId;
  const spec = Object.hasOwn(scopes, perm.scope) ? scopes[perm.scope] : undefined;
  if (!spec) {
    throw new MisuseError(
      'SPEC_UNKNOWN_SCOPE',
      `${id} x-permission.scope`,
      `${perm.scope} is not declared in x-scopes`,
      `declared: ${Object.keys(scopes).join(', ')}`,
    );
  }
  const expected = spec.resources === 'none' ? 'none' : spec.resources === 'pairs' ? 'account_pair' : spec.kind;
  if (perm.resource !== expected || (spec.resources === 'pairs' && spec.kind !== 'account')) {
    throw new MisuseError(
      'SPEC_BAD_EXTENSION',
      `${id} x-permission.resource`,
      `scope ${perm.scope} names ${spec.resources === 'none' ? 'no resources' : `${spec.kind} ${spec.resources}`}, so resource must be ${expected}, not ${perm.resource}`,
    );
  }
  const loc = perm.locator;
  if (!loc) return;
  if (loc.in === 'path' || loc.in === 'query') {
    if (!hasParameter(op, loc.name, loc.in)) throw undeclared(op, 'x-permission.locator.name', loc.name, loc.in);
  } else if (loc.in === 'body') {
    const body = op.requestBody?.schema;
    for (const field of ['source', 'target', 'amount'] as const) {
      if (!body || !schemaHasPath(body, loc[field])) {
        throw new MisuseError(
          'SPEC_UNDECLARED_PARAMETER',
          `${id} x-permission.locator.${field}`,
          `${loc[field]} is not a property of ${id}'s request body`,
        );
      }
    }
  } else if (loc.in === 'object') {
    if (!hasParameter(op, loc.param, 'path')) throw undeclared(op, 'x-permission.locator.param', loc.param, 'path');
    const schema = schemas[kinds[loc.object].schema]!;
    loc.fields.forEach((field, i) => {
      if (!schemaHasPath(schema, field)) {
        throw new MisuseError(
          'SPEC_BAD_EXTENSION',
          `${id} x-permission.locator.fields[${i}]`,
          `${field} is not a field of ${kinds[loc.object].schema}`,
        );
      }
    });
  }
}

function checkList(op: Operation, list: XList): void {
  const id = op.operationId;
  const body = op.responses['200']?.schema;
  const data = body && isObject(body.properties) ? body.properties.data : undefined;
  const item = isObject(data) && isObject(data.items) ? data.items : undefined;
  if (!body || !item) {
    throw new MisuseError('SPEC_BAD_EXTENSION', `${id} x-list`, `${id} has no 200 response whose data is an array`);
  }
  const fieldCheck = (field: string, where: string): void => {
    if (!schemaHasPath(item, field)) {
      throw new MisuseError('SPEC_BAD_EXTENSION', `${id} ${where}`, `${field} is not a field of ${id}'s items`);
    }
  };
  if (list.paged !== schemaHasPath(body, 'page_info')) {
    throw new MisuseError(
      'SPEC_BAD_EXTENSION',
      `${id} x-list.paged`,
      `paged is ${list.paged} but the 200 body ${list.paged ? 'has no' : 'has a'} page_info (C-LIST-3)`,
    );
  }
  if (list.order) fieldCheck(list.order.field, 'x-list.order.field');
  const m = list.membership;
  if (m) {
    if (!hasParameter(op, m.param, m.in)) throw undeclared(op, 'x-list.membership.param', m.param, m.in);
    m.fields.forEach((f, i) => fieldCheck(f, `x-list.membership.fields[${i}]`));
    if (m.role) {
      if (!hasParameter(op, m.role.param, 'query'))
        throw undeclared(op, 'x-list.membership.role.param', m.role.param, 'query');
      if (!Object.hasOwn(m.role.fields, m.role.default)) {
        throw new MisuseError(
          'SPEC_BAD_EXTENSION',
          `${id} x-list.membership.role.default`,
          `${m.role.default} is not one of the roles ${Object.keys(m.role.fields).join(', ')}`,
        );
      }
      for (const [role, fields] of Object.entries(m.role.fields)) {
        fields.forEach((f, i) => fieldCheck(f, `x-list.membership.role.fields.${role}[${i}]`));
      }
    }
  }
  list.filters.forEach((f, i) => {
    if (!hasParameter(op, f.param, 'query')) throw undeclared(op, `x-list.filters[${i}].param`, f.param, 'query');
    fieldCheck(f.field, `x-list.filters[${i}].field`);
  });
}

function checkEffect(op: Operation, effect: XEffect, kinds: Record<ObjectKind, ResourceKindSpec>): void {
  const id = op.operationId;
  const response = op.responses[String(effect.status)];
  if (!response) {
    throw new MisuseError('SPEC_BAD_EXTENSION', `${id} x-effect.status`, `${id} declares no ${effect.status} response`);
  }
  if (!schemaHasPath(response.schema, effect.id_field)) {
    throw new MisuseError(
      'SPEC_BAD_EXTENSION',
      `${id} x-effect.id_field`,
      `${effect.id_field} is not in the ${effect.status} body`,
    );
  }
  if (kinds[effect.creates].get !== effect.readback) {
    throw new MisuseError(
      'SPEC_BAD_EXTENSION',
      `${id} x-effect.readback`,
      `a created ${effect.creates} is read by ${kinds[effect.creates].get ?? 'no operation'}, not ${effect.readback}`,
    );
  }
}

/** Whether a dotted path names a property of the schema (through allOf/anyOf/oneOf). */
function schemaHasPath(schema: unknown, dotted: string): boolean {
  const [head, ...rest] = dotted.split('.');
  if (!isObject(schema) || head === undefined) return false;
  const props = isObject(schema.properties) ? schema.properties : undefined;
  if (props && Object.hasOwn(props, head)) {
    if (!rest.length) return true;
    if (schemaHasPath(props[head], rest.join('.'))) return true;
  }
  return (['allOf', 'anyOf', 'oneOf'] as const).some((k) => asArray(schema[k]).some((s) => schemaHasPath(s, dotted)));
}

/** `getCard` + `x-permission.scope` → `getCard x-permission.scope`; an owner ending in `.` is a prefix. */
function joinWhere(owner: string, field: string): string {
  if (!owner || owner.endsWith('.')) return owner + field;
  return field ? `${owner} ${field}` : owner;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A Map that refuses changes once built, so a frozen contract's `byId` stays as loaded. */
class ReadOnlyMap<K, V> extends Map<K, V> {
  #sealed = false;
  constructor(entries: Iterable<readonly [K, V]>) {
    super();
    for (const [k, v] of entries) super.set(k, v);
    this.#sealed = true;
  }
  override set(key: K, value: V): this {
    if (this.#sealed) throw new TypeError('the contract is read-only');
    return super.set(key, value);
  }
  override delete(): boolean {
    throw new TypeError('the contract is read-only');
  }
  override clear(): void {
    throw new TypeError('the contract is read-only');
  }
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v, seen);
  } else {
    for (const v of Object.values(value)) deepFreeze(v, seen);
  }
  return Object.freeze(value);
}
