/** C-VAL: malformed queries and bodies are 400 `invalid_request`, after 401/403-scope and before resource checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDateTime } from './parts/validators.ts';
import { harness, type Harness } from './test-helpers.ts';

let h: Harness;
let main: ReturnType<Harness['named']>;

beforeAll(async () => {
  h = await harness();
  main = h.named('main');
});
afterAll(() => h.mock.close());

async function expect400(p: Promise<{ status: number; body: { error?: { code?: string } } }>): Promise<void> {
  const r = await p;
  expect(r.status).toBe(400);
  expect(r.body.error?.code).toBe('invalid_request');
}

describe('C-VAL-1: required filters', () => {
  it('missing or empty account_id / rule_id is 400', async () => {
    for (const path of [
      '/transfers',
      '/transfers?account_id=',
      '/cards',
      '/cards?account_id=',
      '/rule-executions',
      '/rule-executions?rule_id=',
      '/transfers?account_role=source',
    ])
      await expect400(h.get('main-full', path));
  });

  it('validation precedes the resource check: a key outside the list still gets 400', async () => {
    await expect400(h.get('main-pod-reader', '/transfers'));
    await expect400(h.get('main-pod-reader', `/transfers?account_id=${main.income}&first=0`));
    await expect400(h.get('main-rule-one', `/rule-executions?rule_id=${main.scheduledRule}&status=done`));
    await expect400(h.get('main-pod-reader', '/cards/card_nope/transactions?direction=up'));
  });
});

describe('C-VAL-2: enums, first, after, dates', () => {
  it('enum values outside the enum are 400, including empty and wrong case', async () => {
    const a = `account_id=${main.income}`;
    for (const q of [
      `${a}&account_role=both`,
      `${a}&direction=in`,
      `${a}&origin=USER`,
      `${a}&status=done`,
      `${a}&status=`,
    ])
      await expect400(h.get('main-full', `/transfers?${q}`));
    await expect400(h.get('main-full', '/accounts?type=savings'));
    await expect400(h.get('main-full', `/cards?account_id=${main.pods[0]}&status=ACTIVE`));
    await expect400(h.get('main-full', `/cards?account_id=${main.pods[0]}&type=plastic`));
    await expect400(h.get('main-full', `/rule-executions?rule_id=${main.busyRule}&trigger_type=MANUAL`));
    const card = main.busyCard;
    await expect400(h.get('main-full', `/cards/${card}/transactions?direction=refund`));
  });

  it('first must be plain digits 1..100', async () => {
    const base = `/transfers?account_id=${main.income}&first=`;
    for (const f of ['0', '101', '-1', '+5', '1.0', '1e1', ' 5', 'abc', '', '0x10', '99999999999999999999'])
      await expect400(h.get('main-full', `${base}${encodeURIComponent(f)}`));
    for (const f of ['1', '100', '007']) expect((await h.get('main-full', `${base}${f}`)).status).toBe(200);
  });

  it('after must be a cursor issued for the same operation', async () => {
    const page = await h.get('main-full', `/transfers?account_id=${main.income}&first=2`);
    const cursor = page.body.page_info.end_cursor as string;
    expect(
      (await h.get('main-full', `/transfers?account_id=${main.pods[0]}&after=${encodeURIComponent(cursor)}`)).status,
    ).toBe(200);
    await expect400(
      h.get('main-full', `/rule-executions?rule_id=${main.busyRule}&after=${encodeURIComponent(cursor)}`),
    );
    await expect400(h.get('main-full', `/cards/${main.busyCard}/transactions?after=${encodeURIComponent(cursor)}`));
    for (const bad of [
      '',
      'abc',
      `${cursor}x`,
      cursor.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
      'bGlzdFRyYW5zZmVyc3wxfHR4cl8x.AAAAAAAAAAAAAAAAAAAAAA',
    ])
      await expect400(h.get('main-full', `/transfers?account_id=${main.income}&after=${encodeURIComponent(bad)}`));
  });

  it('from/to accept RFC 3339 with offsets and refuse non-dates and impossible dates', async () => {
    const base = `/transfers?account_id=${main.income}`;
    for (const d of [
      '2024-01-15T10:00:00Z',
      '2024-01-15T10:00:00.123Z',
      '2024-01-15T10:00:00+02:00',
      '2024-01-15t10:00:00z',
      '2024-02-29T00:00:00-05:30',
    ])
      expect(
        (await h.get('main-full', `${base}&from=${encodeURIComponent(d)}&to=${encodeURIComponent(d)}`)).status,
      ).toBe(200);
    for (const d of [
      'yesterday',
      '2024-02-30T10:00:00Z',
      '2023-02-29T10:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-15T24:00:00Z',
      '2024-01-15T10:61:00Z',
      '2024-01-15T10:00:00+25:00',
      '1705312800',
      '',
    ])
      await expect400(h.get('main-full', `${base}&from=${encodeURIComponent(d)}`));
    await expect400(h.get('main-full', `/cards/${main.busyCard}/transactions?to=tomorrow`));
    await expect400(h.get('main-full', `/rule-executions?rule_id=${main.busyRule}&from=2024-04-31T00:00:00Z`));
  });

  it('parseDateTime applies the offset', () => {
    expect(parseDateTime('2024-01-15T12:00:00+02:00')).toBe(Date.UTC(2024, 0, 15, 10));
    expect(parseDateTime('2024-01-15T10:00:00.5Z')).toBe(Date.UTC(2024, 0, 15, 10, 0, 0, 500));
    expect(parseDateTime('2024-02-30T10:00:00Z')).toBeUndefined();
  });

  it('repeated parameters of the operation are 400; unknown parameters are ignored', async () => {
    await expect400(h.get('main-full', `/transfers?account_id=${main.income}&account_id=${main.income}`));
    await expect400(h.get('main-full', `/transfers?account_id=${main.income}&first=5&first=5`));
    await expect400(h.get('main-full', '/accounts?type=pod&type=pod'));
    expect((await h.get('main-full', `/transfers?account_id=${main.income}&foo=1&foo=2`)).status).toBe(200);
  });
});

describe('C-VAL-3: createTransfer bodies', () => {
  const good = () => ({ source_account_id: main.income, destination_account_id: main.pods[0], amount_in_cents: 100 });
  it('malformed bodies are 400 and create nothing', async () => {
    const before = h.mock.store.transfers.size;
    const raws = ['', '{', 'null', '[]', '"x"', '42', 'true'];
    for (const rawBody of raws) await expect400(h.req('POST', '/transfers', { key: 'main-full', rawBody }));
    const bads: unknown[] = [
      { ...good(), source_account_id: undefined },
      { ...good(), source_account_id: 42 },
      { ...good(), destination_account_id: null },
      { ...good(), amount_in_cents: undefined },
      { ...good(), amount_in_cents: 0 },
      { ...good(), amount_in_cents: -5 },
      { ...good(), amount_in_cents: 1.5 },
      { ...good(), amount_in_cents: '100' },
      { ...good(), description: 12 },
      { ...good(), description: 'x'.repeat(256) },
      { ...good(), destination_account_id: main.income },
    ];
    for (const body of bads) await expect400(h.post('main-full', '/transfers', body));
    expect(h.mock.store.transfers.size).toBe(before);
  });

  it('null description is none; 255 characters (code points) is allowed', async () => {
    const a = await h.post('main-full', '/transfers', { ...good(), description: null });
    expect(a.status).toBe(201);
    expect(a.body.data.description).toBeNull();
    expect((await h.post('main-full', '/transfers', { ...good(), description: '€'.repeat(255) })).status).toBe(201);
    expect((await h.post('main-full', '/transfers', { ...good(), description: '😀'.repeat(255) })).status).toBe(201);
    await expect400(h.post('main-full', '/transfers', { ...good(), description: '😀'.repeat(256) }));
  });

  it('validation precedes the pair check: a key without the pair still gets 400', async () => {
    await expect400(
      h.post('main-transfer-pair', '/transfers', {
        ...good(),
        source_account_id: main.pods[2],
        destination_account_id: main.pods[2],
      }),
    );
    await expect400(h.post('main-transfer-pair', '/transfers', { ...good(), amount_in_cents: 0 }));
  });
});

describe('C-VAL-4: triggerRule bodies', () => {
  it('non-object bodies and bad amounts are 400 before the rule check', async () => {
    for (const rawBody of ['null', '[]', '3', '{', '"a"'])
      await expect400(h.req('POST', `/rules/${main.manualRule}/trigger`, { key: 'main-rule-one', rawBody }));
    for (const amt of [0, -1, 1.5, '5', true, {}])
      await expect400(h.post('main-rule-one', `/rules/rule_not_mine/trigger`, { manual_execute_amount: amt }));
  });

  it('manual_execute_amount on a non-MANUAL rule is 400 after the 403 and 404 checks', async () => {
    const r = await h.post('main-rule-one', `/rules/${main.busyRule}/trigger`, { manual_execute_amount: 100 });
    expect(r.status).toBe(403);
    expect((await h.post('main-full', `/rules/rule_nope/trigger`, { manual_execute_amount: 100 })).status).toBe(404);
    await expect400(h.post('main-full', `/rules/${main.busyRule}/trigger`, { manual_execute_amount: 100 }));
    await expect400(h.post('main-full', `/rules/${main.disabledRule}/trigger`, { manual_execute_amount: 100 }));
  });

  it('empty body, {} and null amount are accepted', async () => {
    expect((await h.req('POST', `/rules/${main.manualRule}/trigger`, { key: 'main-full' })).status).toBe(202);
    expect((await h.req('POST', `/rules/${main.manualRule}/trigger`, { key: 'main-full', rawBody: '  ' })).status).toBe(
      202,
    );
    expect(
      (await h.post('main-full', `/rules/${main.manualRule}/trigger`, { manual_execute_amount: null })).status,
    ).toBe(202);
    expect((await h.post('main-full', `/rules/${main.busyRule}/trigger`, {})).status).toBe(202);
  });
});
