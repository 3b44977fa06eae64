import { describe, it, expect } from 'vitest';
import { createAjv } from './ajv.ts';
import { getContract } from './load.ts';
import type { JsonSchema } from './types.ts';

interface Example {
  where: string;
  schema: JsonSchema;
  value: unknown;
}

/** Every example of every request body and response media type, with the schema it must match. */
async function collectExamples(): Promise<{ examples: Example[]; bare: string[] }> {
  const paths = (await getContract()).document.paths as Record<string, Record<string, any>>;
  const examples: Example[] = [];
  const bare: string[] = [];
  const take = (where: string, media: any): void => {
    const before = examples.length;
    if (media.example !== undefined) examples.push({ where, schema: media.schema, value: media.example });
    for (const [name, ex] of Object.entries((media.examples ?? {}) as Record<string, { value: unknown }>)) {
      examples.push({ where: `${where} (${name})`, schema: media.schema, value: ex.value });
    }
    if (examples.length === before) bare.push(where);
  };
  for (const item of Object.values(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const body = op.requestBody?.content?.['application/json'];
      if (body) take(`${op.operationId} requestBody`, body);
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        take(`${op.operationId} ${status}`, response.content['application/json']);
      }
    }
  }
  return { examples, bare };
}

describe('examples', () => {
  it('every response and request body has an example', async () => {
    const { examples, bare } = await collectExamples();
    expect(bare).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(13 * 5);
  });

  it('every example validates against its own schema', async () => {
    const ajv = createAjv();
    const failures: string[] = [];
    for (const { where, schema, value } of (await collectExamples()).examples) {
      const validate = ajv.compile(schema);
      if (!validate(value)) failures.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('every success example carries a request_id, every error example the code its status pins', async () => {
    for (const { where, value } of (await collectExamples()).examples) {
      const status = Number(where.split(' ')[1]);
      if (Number.isNaN(status)) continue;
      const body = value as { request_id?: string; error?: { code: string } };
      if (status < 300) expect(body.request_id, where).toMatch(/^req_/);
      else expect(body.error?.code, where).toBeTypeOf('string');
    }
  });
});

describe('schemas enforce C-SHAPE and C-BODY-2', () => {
  const account = {
    id: 'acc_01HABC4567',
    name: 'Chase Checking',
    type: 'income_source',
    description: null,
    external_account_type: null,
    beneficiary_name: 'John Smith',
    institution_name: 'Chase',
    can_be_source: true,
    can_be_destination: true,
    balance_in_cents: 100,
    created_at: '2024-01-15T10:00:00Z',
  };

  async function validator(id: string, status: string) {
    const op = (await getContract()).byId.get(id as never)!;
    return createAjv().compile(op.responses[status]!.schema);
  }

  it('allows resource objects to grow but not error bodies (C-PERM-8)', async () => {
    const get = await validator('getAccount', '200');
    expect(get({ request_id: 'r', data: { ...account, masked_number: '••4567' } })).toBe(true);
    const notFound = await validator('getAccount', '404');
    expect(notFound({ error: { code: 'resource_not_found', message: 'No such resource.' } })).toBe(true);
    expect(notFound({ error: { code: 'resource_not_found', message: 'x' }, data: account })).toBe(false);
    expect(notFound({ error: { code: 'resource_not_found', message: 'x', id: account.id } })).toBe(false);
    expect(notFound({ error: { code: 'forbidden', message: 'x' } })).toBe(false);
    expect(notFound({ error: { code: 'resource_not_found', message: '' } })).toBe(false);
  });

  it('requires every C-SHAPE field with its type', async () => {
    const get = await validator('getAccount', '200');
    const { balance_in_cents: _dropped, ...withoutBalance } = account;
    expect(get({ request_id: 'r', data: withoutBalance })).toBe(false);
    expect(get({ request_id: 'r', data: { ...account, balance_in_cents: 1.5 } })).toBe(false);
    expect(get({ request_id: 'r', data: { ...account, id: 'acct_1' } })).toBe(false);
    expect(get({ request_id: 'r', data: { ...account, created_at: 'yesterday' } })).toBe(false);
    expect(get({ request_id: 'r', data: { ...account, name: null } })).toBe(false);
    expect(get({ data: account })).toBe(false);
  });

  it('checks card formats and page_info', async () => {
    const card = {
      id: 'card_1',
      type: 'virtual',
      status: 'frozen',
      last_four: '0042',
      holder_name: 'J',
      expiration_date: '12/29',
      account_id: 'acc_1',
      created_at: '2024-01-15T10:00:00Z',
    };
    const get = await validator('getCard', '200');
    expect(get({ request_id: 'r', data: card })).toBe(true);
    expect(get({ request_id: 'r', data: { ...card, expiration_date: '13/29' } })).toBe(false);
    expect(get({ request_id: 'r', data: { ...card, last_four: '42' } })).toBe(false);
    const page = await validator('listCardTransactions', '200');
    expect(page({ request_id: 'r', data: [], page_info: { has_next_page: false, end_cursor: null } })).toBe(true);
    expect(page({ request_id: 'r', data: [] })).toBe(false);
  });
});
