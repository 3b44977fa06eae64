import { describe, expect, it } from 'vitest';
import type { Case } from '../../generators/case-types.ts';
import type { Inventory } from '../../generators/inventory.ts';
import type { KeySpec } from '../../generators/profile.ts';
import { getContract } from '../../openapi/load.ts';
import type { HttpResponse } from '../transport.ts';
import { createBodyValidator } from '../validate.ts';
import { CHECKS, checkCatalog } from './index.ts';
import type { Check, CheckInput } from './types.ts';

const contract = await getContract();
const validator = createBodyValidator(contract);
const byId = (id: string): Check => CHECKS.find((c) => c.id === id)!;

const card = {
  id: 'card_01HAAA',
  type: 'physical',
  status: 'active',
  last_four: '4242',
  holder_name: 'Jonathan Smithers',
  expiration_date: '09/28',
  account_id: 'acc_01HMAIN1',
  created_at: '2024-01-15T10:00:00Z',
};
const foreignCard = { ...card, id: 'card_01HBBB', account_id: 'acc_01HOTHER' };
const inventory: Inventory = {
  started_at: '2030-01-01T00:00:00Z',
  orgs: [
    {
      org: 'main',
      keyId: 'full',
      accounts: [],
      rules: [],
      executions: [],
      transfers: [],
      cards: [card],
      cardTransactions: [],
    },
    {
      org: 'other',
      keyId: 'full-o',
      accounts: [],
      rules: [],
      executions: [],
      transfers: [],
      cards: [foreignCard],
      cardTransactions: [],
    },
  ],
  owners: { card_01HAAA: 'main', card_01HBBB: 'other', acc_01HMAIN1: 'main', acc_01HOTHER: 'other' },
  undiscovered: [],
  problems: [],
  findings: [],
  failures: [],
  steps: [],
};
const key: KeySpec = { id: 'full', org: 'main', revoked: false, permissions: [] };

function mkCase(over: Partial<Case> = {}): Case {
  return {
    id: 'c_test',
    group: 'permissions',
    operationId: 'getCard',
    keyId: 'full',
    credential: 'key',
    resource: 'card_01HAAA',
    variant: 'plain',
    request: { method: 'GET', path: '/cards/card_01HAAA', query: [], headers: {} },
    expect: { status: 200, code: null, clause: 'C-PERM-1', because: 'test', level: 'must', step: 'allow' },
    write: false,
    ...over,
  };
}
function mkRes(status: number, json: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    json,
    text: JSON.stringify(json),
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_1', ...headers },
    rateLimited: 0,
    durationMs: 1,
  };
}
function run(id: string, c: Case, res: HttpResponse, seen = new Set<string>()) {
  const input: CheckInput = {
    contract,
    case: c,
    op: contract.byId.get(c.operationId)!,
    res,
    validator,
    inventory,
    key,
    seenRequestIds: seen,
  };
  return byId(id).run(input);
}

const okCard = mkRes(200, { request_id: 'req_1', data: card });
const forbidden = mkRes(403, { error: { code: 'forbidden', message: 'Not allowed.' }, request_id: 'req_1' });
const listCase = mkCase({
  operationId: 'listCards',
  request: {
    method: 'GET',
    path: '/cards',
    query: [
      ['account_id', 'acc_01HMAIN1'],
      ['status', 'active'],
    ],
    headers: {},
  },
  resource: 'acc_01HMAIN1',
});
const execList = mkCase({
  operationId: 'listRuleExecutions',
  request: {
    method: 'GET',
    path: '/rule-executions',
    query: [
      ['rule_id', 'rule_1'],
      ['first', '2'],
    ],
    headers: {},
  },
  resource: 'rule_1',
});
const ex = (id: string, t: string) => ({
  id,
  rule_id: 'rule_1',
  rule_name: 'r',
  trigger_type: 'manual',
  status: 'executed',
  trigger_details: { type: 'manual' },
  transfer_ids: [],
  created_at: t,
});

// [check, case, good response, bad response]
const table: Array<[string, Case, HttpResponse, HttpResponse]> = [
  ['status_matches_oracle', mkCase(), okCard, forbidden],
  [
    'error_code_matches',
    mkCase({
      expect: {
        status: 403,
        code: 'forbidden',
        clause: 'C-PERM-5',
        because: 't',
        level: 'must',
        step: 'object_resource',
      },
    }),
    forbidden,
    mkRes(403, { error: { code: 'not_allowed', message: 'x' } }),
  ],
  ['no_5xx', mkCase(), okCard, mkRes(500, { error: { code: 'internal', message: 'x' } })],
  ['content_type_json', mkCase(), okCard, { ...okCard, headers: { ...okCard.headers, 'content-type': 'text/html' } }],
  ['body_schema', mkCase(), okCard, mkRes(200, { request_id: 'req_1', data: { ...card, last_four: 4242 } })],
  [
    'no_resource_leak',
    mkCase(),
    forbidden,
    mkRes(403, { error: { code: 'forbidden', message: 'card of Jonathan Smithers is not yours' } }),
  ],
  [
    'request_id_echo',
    mkCase({ request: { ...mkCase().request, headers: { 'X-Request-ID': 'abc' } } }),
    mkRes(403, { error: { code: 'forbidden', message: 'x' } }, { 'x-request-id': 'abc' }),
    mkRes(403, { error: { code: 'forbidden', message: 'x' } }, { 'x-request-id': 'req_zzz' }),
  ],
  ['request_id_body_matches_header', mkCase(), okCard, mkRes(200, { request_id: 'req_2', data: card })],
  ['request_id_generated', mkCase(), okCard, { ...okCard, headers: { 'content-type': 'application/json' } }],
  [
    'request_id_invalid_replaced',
    mkCase({ request: { ...mkCase().request, headers: { 'X-Request-ID': 'has space' } } }),
    okCard,
    mkRes(200, { request_id: 'has space', data: card }, { 'x-request-id': 'has space' }),
  ],
  [
    'list_filters_hold',
    listCase,
    mkRes(200, { request_id: 'req_1', data: [card] }),
    mkRes(200, { request_id: 'req_1', data: [card, { ...card, id: 'card_01HCCC', status: 'frozen' }] }),
  ],
  [
    'list_org_isolation',
    listCase,
    mkRes(200, { request_id: 'req_1', data: [card] }),
    mkRes(200, { request_id: 'req_1', data: [card, foreignCard] }),
  ],
  [
    'list_order',
    execList,
    mkRes(200, {
      request_id: 'req_1',
      data: [ex('rex_2', '2024-02-01T00:00:00Z'), ex('rex_1', '2024-01-01T00:00:00Z')],
      page_info: { has_next_page: false, end_cursor: 'c' },
    }),
    mkRes(200, {
      request_id: 'req_1',
      data: [ex('rex_1', '2024-01-01T00:00:00Z'), ex('rex_2', '2024-02-01T00:00:00Z')],
      page_info: { has_next_page: false, end_cursor: 'c' },
    }),
  ],
  [
    'list_membership_exact',
    mkCase({
      ...listCase,
      request: {
        ...listCase.request,
        query: [
          ['account_id', 'acc_01HMAIN1'],
          ['type', 'physical'],
        ],
      },
    }),
    mkRes(200, { request_id: 'req_1', data: [card] }),
    mkRes(200, { request_id: 'req_1', data: [] }),
  ],
];

describe('checks fire on the bad response and stay silent on the good one', () => {
  it('the table covers every registered check', () => {
    expect(new Set(table.map((r) => r[0]))).toEqual(new Set(CHECKS.map((c) => c.id)));
  });
  it.each(table)('%s', (id, c, good, bad) => {
    expect(run(id, c, good)).toEqual([]);
    const v = run(id, c, bad);
    expect(v.length).toBeGreaterThan(0);
    for (const x of v) expect([...byId(id).clauses, c.expect.clause]).toContain(x.clause);
  });
  it('exact membership is not judged under a filter on a field that can change (x-list mutable)', () => {
    expect(run('list_membership_exact', listCase, mkRes(200, { request_id: 'req_1', data: [] }))).toEqual([]);
  });
  it('a number of the resource in a 403 message is a leak (C-PERM-8)', () => {
    const rich = {
      ...inventory,
      orgs: [{ ...inventory.orgs[0]!, cards: [{ ...card, amount_in_cents: 151100 }] }, inventory.orgs[1]!],
    };
    const input: CheckInput = {
      contract,
      case: mkCase({
        expect: {
          status: 403,
          code: 'forbidden',
          clause: 'C-PERM-5',
          because: 't',
          level: 'must',
          step: 'object_resource',
        },
      }),
      op: contract.byId.get('getCard')!,
      res: mkRes(403, { error: { code: 'forbidden', message: 'card holds 151100 cents' } }),
      validator,
      inventory: rich,
      key,
      seenRequestIds: new Set(),
    };
    expect(byId('no_resource_leak').run(input)).toEqual([expect.objectContaining({ clause: 'C-PERM-8' })]);
  });
  it('a repeated generated request id is caught across a run', () => {
    const seen = new Set<string>();
    expect(run('request_id_generated', mkCase(), okCard, seen)).toEqual([]);
    expect(run('request_id_generated', mkCase(), okCard, seen)[0]?.clause).toBe('C-REQID-3');
  });
  it('a generated id without req_ is only a SHOULD', () => {
    const v = run(
      'request_id_generated',
      mkCase(),
      mkRes(200, { request_id: 'x1', data: card }, { 'x-request-id': 'x1' }),
    );
    expect(v).toEqual([expect.objectContaining({ level: 'should' })]);
  });
  it('check ids are unique snake_case and cite contract clause ids', () => {
    const ids = checkCatalog().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of checkCatalog()) {
      expect(c.id).toMatch(/^[a-z][a-z0-9_]*$/);
      for (const cl of c.clauses) expect(cl).toMatch(/^C-[A-Z]+-\d+[a-z]?$/);
    }
  });
});
