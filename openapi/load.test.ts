import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SPEC_PATH, getContract, loadContract, loadContractFromObject } from './load.ts';
import { isMisuse, MisuseError, type MisuseCode } from './errors.ts';
import type { OperationId, XPermission } from './types.ts';

/** C-BASE-2, written from the contract, not from the YAML. */
const BASE_2: Record<OperationId, { method: string; path: string; permission: Omit<XPermission, 'clauses'> }> = {
  listAccounts: {
    method: 'get',
    path: '/accounts',
    permission: { scope: 'LIST_ACCOUNTS', resource: 'none', addressing: 'none' },
  },
  getAccount: {
    method: 'get',
    path: '/accounts/{id}',
    permission: {
      scope: 'READ_ACCOUNTS',
      resource: 'account',
      addressing: 'request',
      locator: { in: 'path', name: 'id' },
    },
  },
  listRules: {
    method: 'get',
    path: '/rules',
    permission: { scope: 'LIST_RULES', resource: 'none', addressing: 'none' },
  },
  getRule: {
    method: 'get',
    path: '/rules/{id}',
    permission: { scope: 'READ_RULES', resource: 'rule', addressing: 'request', locator: { in: 'path', name: 'id' } },
  },
  triggerRule: {
    method: 'post',
    path: '/rules/{id}/trigger',
    permission: {
      scope: 'TRIGGER_RULES',
      resource: 'rule',
      addressing: 'request',
      locator: { in: 'path', name: 'id' },
    },
  },
  listRuleExecutions: {
    method: 'get',
    path: '/rule-executions',
    permission: {
      scope: 'READ_RULE_EXECUTIONS',
      resource: 'rule',
      addressing: 'request',
      locator: { in: 'query', name: 'rule_id' },
    },
  },
  getRuleExecution: {
    method: 'get',
    path: '/rule-executions/{id}',
    permission: {
      scope: 'READ_RULE_EXECUTIONS',
      resource: 'rule',
      addressing: 'object',
      locator: { in: 'object', param: 'id', object: 'rule_execution', fields: ['rule_id'], match: 'any' },
    },
  },
  listTransfers: {
    method: 'get',
    path: '/transfers',
    permission: {
      scope: 'READ_TRANSFERS',
      resource: 'account',
      addressing: 'request',
      locator: { in: 'query', name: 'account_id' },
    },
  },
  getTransfer: {
    method: 'get',
    path: '/transfers/{id}',
    permission: {
      scope: 'READ_TRANSFERS',
      resource: 'account',
      addressing: 'object',
      locator: { in: 'object', param: 'id', object: 'transfer', fields: ['source.id', 'destination.id'], match: 'any' },
    },
  },
  createTransfer: {
    method: 'post',
    path: '/transfers',
    permission: {
      scope: 'MANUAL_TRANSFER',
      resource: 'account_pair',
      addressing: 'request',
      locator: { in: 'body', source: 'source_account_id', target: 'destination_account_id', amount: 'amount_in_cents' },
    },
  },
  listCards: {
    method: 'get',
    path: '/cards',
    permission: {
      scope: 'READ_CARDS',
      resource: 'account',
      addressing: 'request',
      locator: { in: 'query', name: 'account_id' },
    },
  },
  getCard: {
    method: 'get',
    path: '/cards/{id}',
    permission: {
      scope: 'READ_CARDS',
      resource: 'account',
      addressing: 'object',
      locator: { in: 'object', param: 'id', object: 'card', fields: ['account_id'], match: 'any' },
    },
  },
  listCardTransactions: {
    method: 'get',
    path: '/cards/{id}/transactions',
    permission: {
      scope: 'READ_CARDS',
      resource: 'account',
      addressing: 'object',
      locator: { in: 'object', param: 'id', object: 'card', fields: ['account_id'], match: 'any' },
    },
  },
};

/** Status codes each operation must declare, from C-AUTH, C-PERM, C-VAL, C-FOUND, C-STATE and C-RATE. */
const STATUSES: Record<OperationId, string[]> = {
  listAccounts: ['200', '400', '401', '403', '429'],
  getAccount: ['200', '401', '403', '404', '429'],
  listRules: ['200', '401', '403', '429'],
  getRule: ['200', '401', '403', '404', '429'],
  triggerRule: ['202', '400', '401', '403', '404', '409', '429'],
  listRuleExecutions: ['200', '400', '401', '403', '404', '429'],
  getRuleExecution: ['200', '401', '403', '404', '429'],
  listTransfers: ['200', '400', '401', '403', '404', '429'],
  getTransfer: ['200', '401', '403', '404', '429'],
  createTransfer: ['201', '400', '401', '403', '404', '409', '429'],
  listCards: ['200', '400', '401', '403', '404', '429'],
  getCard: ['200', '401', '403', '404', '429'],
  listCardTransactions: ['200', '400', '401', '403', '404', '429'],
};

const ERROR_CODES: Record<string, string[]> = {
  '400': ['invalid_request'],
  '401': ['unauthorized'],
  '403': ['forbidden'],
  '404': ['resource_not_found'],
  '429': ['rate_limited'],
};

const goodDoc = (): Record<string, any> => parse(readFileSync(DEFAULT_SPEC_PATH, 'utf8'));

async function rejection(doc: object): Promise<MisuseError> {
  try {
    await loadContractFromObject(doc, 'broken.yaml');
  } catch (e) {
    if (e instanceof MisuseError) return e;
    throw e;
  }
  throw new Error('the document was accepted');
}

describe('loadContract on openapi/sequence.yaml', () => {
  it('loads the document', async () => {
    const contract = await loadContract();
    expect(contract.version).toBe('1.0.0');
    expect((contract.document as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('holds exactly the thirteen operations of C-BASE-2 at their method and path', async () => {
    const contract = await loadContract();
    expect(contract.operations).toHaveLength(13);
    expect(new Set(contract.operations.map((o) => o.operationId))).toEqual(new Set(Object.keys(BASE_2)));
    for (const op of contract.operations) {
      const row = BASE_2[op.operationId];
      expect([op.method, op.path], op.operationId).toEqual([row.method, row.path]);
      expect(contract.byId.get(op.operationId)).toBe(op);
    }
  });

  it.each(Object.entries(BASE_2))('%s: x-permission matches C-BASE-2', async (id, row) => {
    const { permission } = (await getContract()).byId.get(id as OperationId)!;
    const { clauses, ...rest } = permission;
    expect(rest).toEqual(row.permission);
    expect(clauses.length).toBeGreaterThan(0);
    expect(clauses).toContain('C-PERM-3');
    if (row.permission.addressing === 'request')
      expect(clauses).toContain(row.permission.resource === 'account_pair' ? 'C-PERM-6' : 'C-PERM-4');
    if (row.permission.addressing === 'object') expect(clauses).toContain('C-PERM-5');
    if (row.permission.addressing !== 'none') expect(clauses).toEqual(expect.arrayContaining(['C-FOUND-1', 'C-ORG-1']));
  });

  it('declares every scope and resource kind', async () => {
    const { scopes, resourceKinds } = await getContract();
    expect(scopes.LIST_ACCOUNTS.resources).toBe('none');
    expect(scopes.LIST_RULES.resources).toBe('none');
    for (const s of ['READ_ACCOUNTS', 'READ_TRANSFERS', 'READ_CARDS'] as const)
      expect(scopes[s]).toMatchObject({ resources: 'ids', kind: 'account' });
    for (const s of ['READ_RULES', 'TRIGGER_RULES', 'READ_RULE_EXECUTIONS'] as const)
      expect(scopes[s]).toMatchObject({ resources: 'ids', kind: 'rule' });
    expect(scopes.MANUAL_TRANSFER).toMatchObject({ resources: 'pairs', kind: 'account' });
    expect(resourceKinds).toEqual({
      account: { prefix: 'acc_', schema: 'Account', get: 'getAccount' },
      rule: { prefix: 'rule_', schema: 'Rule', get: 'getRule' },
      rule_execution: { prefix: 'rex_', schema: 'RuleExecution', get: 'getRuleExecution' },
      transfer: { prefix: 'txr_', schema: 'Transfer', get: 'getTransfer' },
      card: { prefix: 'card_', schema: 'Card', get: 'getCard' },
      card_transaction: { prefix: 'ctx_', schema: 'CardTransaction' },
    });
  });

  it.each(Object.entries(STATUSES))('%s declares exactly the statuses the contract allows', async (id, statuses) => {
    const op = (await getContract()).byId.get(id as OperationId)!;
    expect(Object.keys(op.responses).sort()).toEqual([...statuses].sort());
    for (const [status, response] of Object.entries(op.responses)) {
      expect(response.status).toBe(Number(status));
      expect(response.clauses.length, `${id} ${status}`).toBeGreaterThan(0);
      expect(response.description.length).toBeGreaterThan(0);
    }
  });

  it('declares 401, 403 and 429 everywhere, and 404 for addressed resources', async () => {
    for (const op of (await getContract()).operations) {
      for (const s of ['401', '403', '429']) expect(op.responses[s], `${op.operationId} ${s}`).toBeDefined();
      if (op.permission.addressing !== 'none') expect(op.responses['404'], `${op.operationId} 404`).toBeDefined();
      else expect(op.responses['404']).toBeUndefined();
    }
  });

  it('pins the error code of each error status', async () => {
    for (const op of (await getContract()).operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const schema = response.schema as any;
        expect(schema.additionalProperties, `${op.operationId} ${status}`).toBe(false);
        expect(schema.properties.error.additionalProperties).toBe(false);
        const code = schema.properties.error.properties.code;
        const codes = code.const !== undefined ? [code.const] : code.enum;
        const expected =
          status === '409'
            ? op.operationId === 'triggerRule'
              ? ['rule_disabled', 'idempotency_conflict']
              : ['idempotency_conflict']
            : ERROR_CODES[status];
        expect(codes, `${op.operationId} ${status}`).toEqual(expected);
      }
    }
  });

  it('takes parameters from the path item and the operation', async () => {
    const contract = await getContract();
    for (const op of contract.operations) {
      const xr = op.parameters.find((p) => p.name === 'X-Request-ID');
      expect(xr, op.operationId).toMatchObject({
        in: 'header',
        required: false,
        schema: { minLength: 1, maxLength: 128 },
      });
      const idem = op.parameters.some((p) => p.name === 'Idempotency-Key' && p.in === 'header');
      expect(idem, op.operationId).toBe(op.method === 'post');
      for (const name of op.path.match(/\{(\w+)\}/g) ?? []) {
        expect(op.parameters.find((p) => p.in === 'path' && `{${p.name}}` === name)?.required).toBe(true);
      }
    }
    const transfers = contract.byId.get('listTransfers')!.parameters;
    const param = (name: string) => transfers.find((p) => p.name === name)!;
    expect(param('account_id')).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'string', minLength: 1 },
    });
    expect(param('account_role').schema).toMatchObject({
      enum: ['source', 'destination', 'either'],
      default: 'either',
    });
    expect(param('first').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    expect(param('after').schema).toMatchObject({ type: 'string', minLength: 1 });
    expect(param('from').schema).toMatchObject({ type: 'string', format: 'date-time' });
    const executions = contract.byId.get('listRuleExecutions')!.parameters;
    expect(executions.find((p) => p.name === 'rule_id')).toMatchObject({ required: true, schema: { minLength: 1 } });
    expect(executions.find((p) => p.name === 'trigger_type')!.schema.enum).toEqual([
      'manual',
      'scheduled',
      'on_funds_transferred',
    ]);
    expect(contract.byId.get('listCardTransactions')!.parameters.map((p) => `${p.in} ${p.name}`)).toEqual([
      'path id',
      'header X-Request-ID',
      'query direction',
      'query from',
      'query to',
      'query first',
      'query after',
    ]);
  });

  it('describes the request bodies of the two POSTs (C-VAL-3, C-VAL-4)', async () => {
    const contract = await getContract();
    const create = contract.byId.get('createTransfer')!.requestBody!;
    expect(create.required).toBe(true);
    expect(create.schema).toMatchObject({
      required: ['source_account_id', 'destination_account_id', 'amount_in_cents'],
      properties: {
        amount_in_cents: { type: 'integer', minimum: 1 },
        description: { type: ['string', 'null'], maxLength: 255 },
      },
    });
    expect(create.schema.additionalProperties).toBeUndefined();
    const trigger = contract.byId.get('triggerRule')!.requestBody!;
    expect(trigger.required).toBe(false);
    expect(trigger.schema).toMatchObject({
      properties: { manual_execute_amount: { type: ['integer', 'null'], minimum: 1 } },
    });
    for (const op of contract.operations) if (op.method === 'get') expect(op.requestBody).toBeUndefined();
  });

  it('carries x-list on the six list operations', async () => {
    const contract = await getContract();
    const lists = contract.operations.filter((o) => o.list).map((o) => o.operationId);
    expect(lists.sort()).toEqual([
      'listAccounts',
      'listCardTransactions',
      'listCards',
      'listRuleExecutions',
      'listRules',
      'listTransfers',
    ]);
    const list = (id: OperationId) => contract.byId.get(id)!.list!;
    for (const id of ['listTransfers', 'listRuleExecutions', 'listCardTransactions'] as const) {
      expect(list(id)).toMatchObject({ paged: true, order: { field: 'created_at', direction: 'desc' } });
    }
    for (const id of ['listAccounts', 'listRules', 'listCards'] as const) expect(list(id).paged).toBe(false);
    expect(list('listTransfers').membership).toEqual({
      param: 'account_id',
      in: 'query',
      fields: ['source.id', 'destination.id'],
      role: {
        param: 'account_role',
        default: 'either',
        fields: { either: ['source.id', 'destination.id'], source: ['source.id'], destination: ['destination.id'] },
      },
    });
    expect(list('listCards').membership).toEqual({ param: 'account_id', in: 'query', fields: ['account_id'] });
    expect(list('listRuleExecutions').membership).toEqual({ param: 'rule_id', in: 'query', fields: ['rule_id'] });
    expect(list('listCardTransactions').membership).toEqual({ param: 'id', in: 'path', fields: ['card_id'] });
    expect(list('listAccounts').filters).toEqual([{ param: 'type', field: 'type', op: 'eq' }]);
    expect(list('listRules').filters).toEqual([{ param: 'source_id', field: 'source.id', op: 'eq' }]);
    expect(list('listTransfers').filters).toEqual([
      { param: 'direction', field: 'direction', op: 'eq' },
      { param: 'origin', field: 'origin', op: 'eq' },
      { param: 'status', field: 'status', op: 'eq', mutable: true },
      { param: 'from', field: 'created_at', op: 'gte' },
      { param: 'to', field: 'created_at', op: 'lte' },
    ]);
    expect(list('listCards').filters.map((f) => f.param)).toEqual(['status', 'type']);
    expect(list('listRuleExecutions').filters.map((f) => f.param)).toEqual(['status', 'trigger_type', 'from', 'to']);
    expect(list('listCardTransactions').filters.map((f) => f.param)).toEqual(['direction', 'from', 'to']);
    const mutable = contract.operations.flatMap((o) =>
      (o.list?.filters ?? []).filter((f) => f.mutable).map((f) => `${o.operationId}.${f.param}`),
    );
    expect(mutable).toEqual(['listRuleExecutions.status', 'listTransfers.status', 'listCards.status']);
  });

  it('carries x-effect on the two state-changing operations', async () => {
    const contract = await getContract();
    expect(contract.byId.get('createTransfer')!.effect).toEqual({
      creates: 'transfer',
      status: 201,
      id_field: 'data.id',
      readback: 'getTransfer',
      idempotent: true,
      clauses: ['C-STATE-1', 'C-STATE-4', 'C-PERM-7'],
    });
    expect(contract.byId.get('triggerRule')!.effect).toEqual({
      creates: 'rule_execution',
      status: 202,
      id_field: 'data.execution_id',
      readback: 'getRuleExecution',
      idempotent: true,
      clauses: ['C-STATE-2', 'C-STATE-3', 'C-STATE-4', 'C-PERM-7'],
    });
    expect(contract.operations.filter((o) => o.effect)).toHaveLength(2);
  });

  it('declares a required X-Request-ID response header on every response (C-REQID-1)', async () => {
    const paths = (await getContract()).document.paths as Record<string, Record<string, any>>;
    for (const item of Object.values(paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          expect(response.headers?.['X-Request-ID']?.required, `${op.operationId} ${status}`).toBe(true);
        }
      }
    }
  });

  it('applies ApiKeyAuth globally', async () => {
    const doc = (await getContract()).document as any;
    expect(doc.security).toEqual([{ ApiKeyAuth: [] }]);
    expect(doc.components.securitySchemes.ApiKeyAuth).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
    expect(doc.servers[0].url).toBe('http://127.0.0.1:4010/api/v1');
  });

  it('returns a deep-frozen contract and leaves the input alone', async () => {
    const doc = goodDoc();
    const before = JSON.stringify(doc);
    const contract = await loadContractFromObject(doc, 'copy');
    expect(JSON.stringify(doc)).toBe(before);
    expect(Object.isFrozen(contract)).toBe(true);
    expect(Object.isFrozen(contract.operations[0]!.permission)).toBe(true);
    expect(Object.isFrozen(contract.byId.get('getCard')!.responses['200']!.schema)).toBe(true);
    expect(() => (contract.byId as Map<string, unknown>).set('x', 1)).toThrow(TypeError);
    expect(() => (contract.byId as Map<string, unknown>).delete('getCard')).toThrow(TypeError);
  });

  it('caches getContract', async () => {
    expect(await getContract()).toBe(await getContract());
  });
});

type Breaker = (doc: Record<string, any>) => void;

const op = (doc: Record<string, any>, path: string, method = 'get'): Record<string, any> => doc.paths[path][method];

/** Broken documents: each breaks one thing in a copy of the good one. */
const BROKEN: [string, Breaker, MisuseCode, string][] = [
  [
    'an unknown scope',
    (d) => (op(d, '/cards/{id}')['x-permission'].scope = 'READ_WIDGETS'),
    'SPEC_UNKNOWN_SCOPE',
    'getCard x-permission.scope',
  ],
  [
    'a missing x-permission',
    (d) => delete op(d, '/transfers/{id}')['x-permission'],
    'SPEC_MISSING_EXTENSION',
    'getTransfer x-permission',
  ],
  [
    'a locator naming an undeclared query parameter',
    (d) => (op(d, '/transfers')['x-permission'].locator.name = 'acct'),
    'SPEC_UNDECLARED_PARAMETER',
    'listTransfers x-permission.locator.name',
  ],
  [
    'an object locator naming an undeclared path parameter',
    (d) => (op(d, '/cards/{id}')['x-permission'].locator.param = 'card_id'),
    'SPEC_UNDECLARED_PARAMETER',
    'getCard x-permission.locator.param',
  ],
  [
    'a body locator naming a field the body lacks',
    (d) => (op(d, '/transfers', 'post')['x-permission'].locator.amount = 'amount'),
    'SPEC_UNDECLARED_PARAMETER',
    'createTransfer x-permission.locator.amount',
  ],
  [
    'an x-list filter on an undeclared parameter',
    (d) => (op(d, '/transfers')['x-list'].filters[1].param = 'kind'),
    'SPEC_UNDECLARED_PARAMETER',
    'listTransfers x-list.filters[1].param',
  ],
  [
    'an x-list membership on an undeclared parameter',
    (d) => (op(d, '/cards')['x-list'].membership.param = 'pod_id'),
    'SPEC_UNDECLARED_PARAMETER',
    'listCards x-list.membership.param',
  ],
  [
    'an x-list filter on a field the items lack',
    (d) => (op(d, '/rules')['x-list'].filters[0].field = 'source_id'),
    'SPEC_BAD_EXTENSION',
    'listRules x-list.filters[0].field',
  ],
  ['a missing x-list', (d) => delete op(d, '/cards')['x-list'], 'SPEC_MISSING_EXTENSION', 'listCards x-list'],
  [
    'a clause id the contract does not have',
    (d) => op(d, '/cards')['x-permission'].clauses.push('C-PERM-99'),
    'SPEC_BAD_EXTENSION',
    'listCards x-permission.clauses',
  ],
  [
    'a paged x-list without order',
    (d) => delete op(d, '/rule-executions')['x-list'].order,
    'SPEC_BAD_EXTENSION',
    'listRuleExecutions x-list.order',
  ],
  [
    'x-list on a non-list operation',
    (d) => (op(d, '/cards/{id}')['x-list'] = { paged: false, filters: [], clauses: ['C-LIST-1'] }),
    'SPEC_BAD_EXTENSION',
    'getCard x-list',
  ],
  [
    'a missing x-effect',
    (d) => delete op(d, '/rules/{id}/trigger', 'post')['x-effect'],
    'SPEC_MISSING_EXTENSION',
    'triggerRule x-effect',
  ],
  [
    'an x-effect id_field outside the success body',
    (d) => (op(d, '/transfers', 'post')['x-effect'].id_field = 'data.transfer_id'),
    'SPEC_BAD_EXTENSION',
    'createTransfer x-effect.id_field',
  ],
  [
    'a bad addressing value',
    (d) => (op(d, '/accounts/{id}')['x-permission'].addressing = 'sideways'),
    'SPEC_BAD_EXTENSION',
    'getAccount x-permission.addressing',
  ],
  [
    'an unknown key in x-permission',
    (d) => (op(d, '/accounts/{id}')['x-permission'].resources = ['*']),
    'SPEC_BAD_EXTENSION',
    'getAccount x-permission.resources',
  ],
  [
    'a malformed clause id',
    (d) => (op(d, '/rules/{id}')['x-permission'].clauses = ['PERM-3']),
    'SPEC_BAD_EXTENSION',
    'getRule x-permission.clauses[0]',
  ],
  [
    'a resource that disagrees with the scope',
    (d) => (op(d, '/rules/{id}')['x-permission'].resource = 'account'),
    'SPEC_BAD_EXTENSION',
    'getRule x-permission.resource',
  ],
  [
    'a response without x-clauses',
    (d) => delete op(d, '/cards/{id}').responses['200']['x-clauses'],
    'SPEC_MISSING_EXTENSION',
    'getCard responses.200.x-clauses',
  ],
  ['a missing top-level x-scopes', (d) => delete d['x-scopes'], 'SPEC_MISSING_EXTENSION', 'x-scopes'],
  [
    'a scope spec without kind',
    (d) => delete d['x-scopes'].READ_CARDS.kind,
    'SPEC_BAD_EXTENSION',
    'x-scopes.READ_CARDS.kind',
  ],
  [
    'an extra 14th operation',
    (d) =>
      (d.paths['/rules/{id}'].delete = {
        operationId: 'deleteRule',
        responses: { '204': { description: 'Deleted.' } },
      }),
    'SPEC_OPERATION_SET',
    'deleteRule',
  ],
  ['a missing operation', (d) => delete d.paths['/cards'], 'SPEC_OPERATION_SET', 'listCards'],
  [
    'an operation at the wrong path',
    (d) => {
      d.paths['/accounts/{id}/details'] = d.paths['/accounts/{id}'];
      delete d.paths['/accounts/{id}'];
    },
    'SPEC_OPERATION_SET',
    'getAccount',
  ],
  [
    'a response without description (invalid OpenAPI)',
    (d) => delete op(d, '/cards/{id}').responses['200'].description,
    'SPEC_INVALID_OPENAPI',
    'getCard responses.200',
  ],
  [
    'a path parameter that is not required (invalid OpenAPI)',
    (d) => (d.paths['/transfers/{id}'].parameters = [{ name: 'id', in: 'path', schema: { type: 'string' } }]),
    'SPEC_INVALID_OPENAPI',
    'getTransfer parameters',
  ],
  [
    'a path parameter missing from the path template (invalid OpenAPI)',
    (d) =>
      op(d, '/cards/{id}').parameters.push({ name: 'card', in: 'path', required: true, schema: { type: 'string' } }),
    'SPEC_INVALID_OPENAPI',
    'getCard',
  ],
  ['an OpenAPI 3.0 version', (d) => (d.openapi = '3.0.3'), 'SPEC_INVALID_OPENAPI', 'openapi'],
  ['an OpenAPI 3.2 version', (d) => (d.openapi = '3.2.0'), 'SPEC_INVALID_OPENAPI', 'openapi'],
];

describe('loadContractFromObject rejects broken documents', () => {
  it.each(BROKEN)('%s', async (_name, breakIt, code, where) => {
    const doc = goodDoc();
    breakIt(doc);
    const err = await rejection(doc);
    expect(err.code, err.message).toBe(code);
    expect(err.where, err.message).toBe(where);
    expect(isMisuse(err, code)).toBe(true);
  });
});

describe('loadContract rejects unreadable files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seq-openapi-'));

  it('rejects malformed YAML with the file and line', async () => {
    const file = join(dir, 'malformed.yaml');
    writeFileSync(file, 'openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n');
    const err = await loadContract(file).catch((e: unknown) => e);
    expect(isMisuse(err, 'SPEC_READ_FAILED')).toBe(true);
    expect((err as MisuseError).where).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+$`),
    );
  });

  it('rejects a YAML document that is not a mapping', async () => {
    const file = join(dir, 'scalar.yaml');
    writeFileSync(file, '- just\n- a list\n');
    const err = await loadContract(file).catch((e: unknown) => e);
    expect(isMisuse(err, 'SPEC_READ_FAILED')).toBe(true);
    expect((err as MisuseError).where).toBe(file);
  });

  it('rejects a missing file', async () => {
    const file = join(dir, 'absent.yaml');
    const err = await loadContract(file).catch((e: unknown) => e);
    expect(isMisuse(err, 'SPEC_READ_FAILED')).toBe(true);
    expect((err as MisuseError).where).toBe(file);
  });

  it('loads a valid copy from another path', async () => {
    const file = join(dir, 'copy.yaml');
    writeFileSync(file, readFileSync(DEFAULT_SPEC_PATH, 'utf8'));
    expect((await loadContract(file)).operations).toHaveLength(13);
  });
});

describe('the checked copy getContract keeps between processes', () => {
  const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => /^contract-.*\.json$/.test(f));

  it('is written once the document passes, and gives the same contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-cache-'));
    const checked = await loadContract(DEFAULT_SPEC_PATH, { cacheDir: dir });
    expect(cacheFiles(dir)).toHaveLength(1);
    const again = await loadContract(DEFAULT_SPEC_PATH, { cacheDir: dir });
    expect(JSON.stringify(again.operations)).toBe(JSON.stringify(checked.operations));
    expect(JSON.stringify(again.document)).toBe(JSON.stringify(checked.document));
    expect([...again.byId.keys()]).toEqual([...checked.byId.keys()]);
    expect(again.scopes).toEqual(checked.scopes);
    expect(Object.isFrozen(again.operations[0])).toBe(true);
  });

  it('serves only the exact text it was made from: an edited document is checked again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-cache-'));
    await loadContract(DEFAULT_SPEC_PATH, { cacheDir: dir });
    const [file] = cacheFiles(dir);
    // Mark the copy, so a load served from it shows.
    const copy = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { info: { version: string } };
    copy.info.version = 'from-the-copy';
    writeFileSync(join(dir, file!), JSON.stringify(copy));
    expect((await loadContract(DEFAULT_SPEC_PATH, { cacheDir: dir })).version).toBe('from-the-copy');
    const edited = join(dir, 'edited.yaml');
    writeFileSync(edited, `${readFileSync(DEFAULT_SPEC_PATH, 'utf8')}\n# an edit\n`);
    expect((await loadContract(edited, { cacheDir: dir })).version).not.toBe('from-the-copy');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(DEFAULT_SPEC_PATH, 'utf8').replace(/^openapi: .*$/m, 'openapi: 2.0.0'));
    await expect(loadContract(broken, { cacheDir: dir })).rejects.toThrow(MisuseError);
  });

  it('ignores a damaged copy and checks the document from its text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-cache-'));
    await loadContract(DEFAULT_SPEC_PATH, { cacheDir: dir });
    const [file] = cacheFiles(dir);
    for (const damage of ['{"trunc', '{}', '[]']) {
      writeFileSync(join(dir, file!), damage);
      const c = await loadContract(DEFAULT_SPEC_PATH, { cacheDir: dir });
      expect(c.operations).toHaveLength(13);
    }
  });
});
