/** C-LIST: filters, membership, ordering and pages; C-SHAPE of list items. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './test-helpers.ts';

let h: Harness;
let main: ReturnType<Harness['named']>;

beforeAll(async () => {
  h = await harness();
  main = h.named('main');
});
afterAll(() => h.mock.close());

type Item = Record<string, any> & { id: string; created_at: string };

async function walk(path: string, first: number): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await h.get(
      'main-full',
      `${path}${sep}first=${first}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['data', 'page_info', 'request_id']);
    pages++;
    const { has_next_page, end_cursor } = r.body.page_info;
    items.push(...r.body.data);
    if (r.body.data.length === 0) expect(end_cursor).toBeNull();
    else expect(typeof end_cursor).toBe('string');
    expect(r.body.data.length).toBeLessThanOrEqual(first);
    if (!has_next_page) break;
    expect(r.body.data.length).toBe(first);
    after = end_cursor;
  }
  return { items, pages };
}

function expectNewestFirst(items: Item[]): void {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1] as Item;
    const b = items[i] as Item;
    const ta = Date.parse(a.created_at);
    const tb = Date.parse(b.created_at);
    expect(ta > tb || (ta === tb && a.id > b.id)).toBe(true);
  }
}

describe('paged lists (C-LIST-3)', () => {
  it('listTransfers pages of 10 return every transfer of the account exactly once, newest first', async () => {
    const { items, pages } = await walk(`/transfers?account_id=${main.income}`, 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((t) => t.id)).size).toBe(items.length);
    expectNewestFirst(items);
    const all = await h.get('main-full', `/transfers?account_id=${main.income}&first=100`);
    expect(items.map((t) => t.id)).toEqual(all.body.data.map((t: Item) => t.id));
    const expected = [...h.mock.store.transfers.values()].filter(
      (t) => t.source_id === main.income || t.destination_id === main.income,
    );
    expect(items.length).toBe(expected.length);
  });

  it('has_next_page is exact when the count is a multiple of the page size', async () => {
    const total = (await walk(`/rule-executions?rule_id=${main.busyRule}`, 100)).items.length;
    expect(total).toBeGreaterThanOrEqual(25);
    const { items, pages } = await walk(`/rule-executions?rule_id=${main.busyRule}`, total);
    expect(pages).toBe(1);
    expect(items.length).toBe(total);
    const byOne = await walk(`/rule-executions?rule_id=${main.busyRule}`, 1);
    expect(byOne.items.map((e) => e.id)).toEqual(items.map((e) => e.id));
    expectNewestFirst(items);
    for (const e of items) expect(e.rule_id).toBe(main.busyRule);
  });

  it('listCardTransactions pages over ≥25 transactions; default page is 20', async () => {
    const { items } = await walk(`/cards/${main.busyCard}/transactions`, 7);
    expect(items.length).toBeGreaterThanOrEqual(25);
    expectNewestFirst(items);
    const first = await h.get('main-full', `/cards/${main.busyCard}/transactions`);
    expect(first.body.data.length).toBe(20);
    expect(first.body.page_info.has_next_page).toBe(true);
    for (const x of items) {
      expect(x.id).toMatch(/^ctx_[0-9A-Z]{10,26}$/);
      expect(x.card_id).toBe(main.busyCard);
    }
  });

  it('an empty page has end_cursor null and has_next_page false', async () => {
    const r = await h.get('main-full', `/transfers?account_id=${main.emptyPod}`);
    expect(r.body).toMatchObject({ data: [], page_info: { has_next_page: false, end_cursor: null } });
    const f = await h.get('main-full', `/transfers?account_id=${main.income}&from=2030-01-01T00:00:00Z`);
    expect(f.body.page_info).toEqual({ has_next_page: false, end_cursor: null });
  });
});

describe('filters (C-LIST-1, C-LIST-2)', () => {
  it('account_role narrows to one side; either is the union', async () => {
    const either = (await walk(`/transfers?account_id=${main.income}`, 100)).items;
    const src = (await walk(`/transfers?account_id=${main.income}&account_role=source`, 100)).items;
    const dst = (await walk(`/transfers?account_id=${main.income}&account_role=destination`, 100)).items;
    expect(src.length).toBeGreaterThan(0);
    expect(dst.length).toBeGreaterThan(0);
    for (const t of src) expect(t.source.id).toBe(main.income);
    for (const t of dst) expect(t.destination.id).toBe(main.income);
    expect(src.length + dst.length).toBe(either.length);
    const explicit = (await walk(`/transfers?account_id=${main.income}&account_role=either`, 100)).items;
    expect(explicit.length).toBe(either.length);
  });

  it('direction, origin and status filter listTransfers', async () => {
    const all = (await walk(`/transfers?account_id=${main.income}`, 100)).items;
    for (const [param, field, values] of [
      ['direction', 'direction', ['money_in', 'money_out', 'internal']],
      ['origin', 'origin', ['paycheck', 'rule', 'user', 'user_pull', 'external_pull', 'cashback', 'check_deposit']],
      [
        'status',
        'status',
        ['complete', 'processing', 'pending', 'error', 'cancelled', 'incomplete', 'pending_approval'],
      ],
    ] as const) {
      let seen = 0;
      for (const v of values) {
        const got = (await walk(`/transfers?account_id=${main.income}&${param}=${v}`, 50)).items;
        for (const t of got) expect(t[field]).toBe(v);
        expect(got.length).toBe(all.filter((t) => t[field] === v).length);
        seen += got.length;
      }
      expect(seen).toBe(all.length);
    }
  });

  it('from/to bound created_at inclusively', async () => {
    const all = (await walk(`/transfers?account_id=${main.income}`, 100)).items;
    const hi = all[3] as Item;
    const lo = all[10] as Item;
    const got = (await walk(`/transfers?account_id=${main.income}&from=${lo.created_at}&to=${hi.created_at}`, 3)).items;
    expect(got.map((t) => t.id)).toEqual(all.slice(3, 11).map((t) => t.id));
    const exact = (await walk(`/transfers?account_id=${main.income}&from=${hi.created_at}&to=${hi.created_at}`, 5))
      .items;
    expect(exact.map((t) => t.id)).toEqual([hi.id]);
    const ex = (await walk(`/rule-executions?rule_id=${main.busyRule}`, 100)).items;
    const mid = ex[5] as Item;
    const to = (await walk(`/rule-executions?rule_id=${main.busyRule}&to=${mid.created_at}`, 100)).items;
    expect(to[0]?.id).toBe(mid.id);
  });

  it('execution status and trigger_type, card direction filters', async () => {
    for (const s of ['executed', 'failed', 'partial', 'in_progress'])
      for (const e of (await walk(`/rule-executions?rule_id=${main.busyRule}&status=${s}`, 100)).items)
        expect(e.status).toBe(s);
    expect((await walk(`/rule-executions?rule_id=${main.busyRule}&trigger_type=manual`, 100)).items).toEqual([]);
    const sched = (await walk(`/rule-executions?rule_id=${main.scheduledRule}&trigger_type=scheduled`, 100)).items;
    expect(sched.length).toBeGreaterThan(0);
    for (const d of ['debit', 'credit']) {
      const got = (await walk(`/cards/${main.busyCard}/transactions?direction=${d}`, 100)).items;
      expect(got.length).toBeGreaterThan(0);
      for (const x of got) expect(x.direction).toBe(d);
    }
  });

  it('listCards returns exactly the account cards and filters status and type', async () => {
    const r = await h.get('main-full', `/cards?account_id=${main.pods[1]}`);
    expect(Object.keys(r.body).sort()).toEqual(['data', 'request_id']);
    const expected = [...h.mock.store.cards.values()].filter((c) => c.account_id === main.pods[1]).map((c) => c.id);
    expect(r.body.data.map((c: Item) => c.id).sort()).toEqual(expected.sort());
    const statuses = new Set([...h.mock.store.cards.values()].filter((c) => c.org === 'main').map((c) => c.status));
    expect(statuses.size).toBe(5);
    const lost = await h.get('main-full', `/cards?account_id=${main.pods[1]}&status=lost`);
    expect(lost.body.data.length).toBe(1);
    const virt = await h.get('main-full', `/cards?account_id=${main.pods[1]}&type=virtual`);
    for (const c of virt.body.data) expect(c.type).toBe('virtual');
    expect((await h.get('main-full', `/cards?account_id=${main.emptyPod}`)).body.data).toEqual([]);
  });

  it('listAccounts type and listRules source_id', async () => {
    for (const type of ['income_source', 'pod', 'external_account']) {
      const r = await h.get('main-full', `/accounts?type=${type}`);
      expect(r.body.data.length).toBeGreaterThan(0);
      for (const a of r.body.data) expect(a.type).toBe(type);
    }
    const liab = (await h.get('main-full', '/accounts?type=external_account')).body.data.find(
      (a: Item) => a.external_account_type === 'LIABILITY',
    );
    expect(liab.can_be_source).toBe(false);
    const rules = await h.get('main-full', `/rules?source_id=${main.income2}`);
    expect(rules.body.data.map((r: Item) => r.id)).toEqual([main.disabledManualRule]);
    expect((await h.get('main-full', '/rules?source_id=acc_nope')).body.data).toEqual([]);
  });
});

describe('C-SHAPE', () => {
  it('objects carry the contract fields with the right types', async () => {
    const a = (await h.get('main-full', `/accounts/${main.liability}`)).body.data;
    expect(Object.keys(a).sort()).toEqual(
      [
        'balance_in_cents',
        'beneficiary_name',
        'can_be_destination',
        'can_be_source',
        'created_at',
        'description',
        'external_account_type',
        'id',
        'institution_name',
        'name',
        'type',
      ].sort(),
    );
    expect(a.id).toMatch(/^acc_[0-9A-Z]{10,26}$/);
    const rule = (await h.get('main-full', `/rules/${main.busyRule}`)).body.data;
    expect(rule).toMatchObject({
      trigger_type: 'ON_FUNDS_TRANSFERRED',
      trigger: { type: 'ON_FUNDS_TRANSFERRED', account_id: main.income },
      status: 'enabled',
    });
    expect(rule.source).toEqual({ id: main.income, name: expect.any(String), type: 'income_source' });
    expect(rule.steps[0]).toHaveProperty('conditions');
    expect(rule.steps[0]).toHaveProperty('actions');
    const ex = (await h.get('main-full', `/rule-executions?rule_id=${main.busyRule}&status=executed&first=1`)).body
      .data[0];
    expect(ex).toMatchObject({
      rule_id: main.busyRule,
      trigger_type: 'on_funds_transferred',
      trigger_details: { type: 'on_funds_transferred' },
    });
    expect(ex.transfer_ids[0]).toMatch(/^txr_/);
    const t = (await h.get('main-full', `/transfers/${ex.transfer_ids[0]}`)).body.data;
    expect(t).toMatchObject({ origin: 'rule', rule_execution_id: ex.id });
    const card = (await h.get('main-full', `/cards/${main.busyCard}`)).body.data;
    expect(card.last_four).toMatch(/^[0-9]{4}$/);
    expect(card.expiration_date).toMatch(/^(0[1-9]|1[0-2])\/[0-9]{2}$/);
    const times = [a.created_at, rule.created_at, ex.created_at, t.created_at, card.created_at];
    for (const s of times) expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
  });

  it('seed: distinct created_at per org, ≥30 transfers, every direction, origin and status', () => {
    for (const org of ['main', 'other']) {
      const ts = [...h.mock.store.transfers.values()].filter((t) => t.org === org);
      expect(ts.length).toBeGreaterThanOrEqual(30);
      expect(new Set(ts.map((t) => t.created_at)).size).toBe(ts.length);
      expect(new Set(ts.map((t) => t.direction)).size).toBe(3);
      expect(new Set(ts.map((t) => t.origin)).size).toBe(7);
      expect(new Set(ts.map((t) => t.status)).size).toBe(7);
    }
  });
});
