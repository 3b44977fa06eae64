/**
 * Inventory discovery: for each organization, a key that sees everything walks the API and
 * records every resource, its owner organization and its links. The HTTP call is injected, so
 * this layer stays below `suites/`. Discovery judges what it meets instead of giving up: every
 * answer the oracle did not expect, every body that is not a list, a page size refused, a cursor
 * repeated, an item listed twice or by two organizations, an item listed but unreadable, becomes
 * a {@link DiscoveryFinding} citing its clause, and discovery goes on with what it could learn.
 */
import type { ClauseId } from '../openapi/clauses.ts';
import type { Contract, ObjectLocator, Operation, OperationId } from '../openapi/types.ts';
import type { ResourceRef } from './case-types.ts';
import { expectOutcome } from './oracle.ts';
import type { KeySpec, Profile } from './profile.ts';

/** A resource object as the API returned it. */
export type Item = Record<string, unknown> & { id: string; created_at?: string };

/** Everything one organization holds, as discovered. */
export interface OrgInventory {
  org: string;
  /** The key that discovered it. */
  keyId: string;
  accounts: Item[];
  rules: Item[];
  executions: Item[];
  transfers: Item[];
  cards: Item[];
  cardTransactions: Item[];
}

/** A contract breach met while discovering: one finding of the discovery step of `operationId` in `org`. */
export interface DiscoveryFinding {
  org: string;
  /** The operation the step walks; each organization has one discovery cell per GET operation. */
  operationId: OperationId;
  keyId: string;
  clause: ClauseId;
  message: string;
  expected: unknown;
  actual: unknown;
  /** The request that showed it. */
  request: { path: string; query: Array<[string, string]> };
}

/** A discovery request that got no usable answer (a target error or not sent), with why. */
export interface DiscoveryFailure {
  org: string;
  operationId: OperationId;
  notSent: boolean;
  message: string;
}

/** The discovered inventory of every organization of a profile. */
export interface Inventory {
  /** ISO time discovery started; items created later are not part of it. */
  started_at: string;
  orgs: OrgInventory[];
  /** id -> owning organization label. */
  owners: Record<string, string>;
  /** Organizations that have no key able to see everything, and so cannot be discovered. */
  undiscovered: Array<{ org: string; reason: string }>;
  /** Notes on what discovery could not learn that break no clause (a walk cut at the page cap, …). */
  problems: string[];
  /** Contract breaches met while discovering, with their clauses. */
  findings: DiscoveryFinding[];
  /** Discovery requests that got no usable answer. */
  failures: DiscoveryFailure[];
  /** The discovery steps run: one per discovered organization and GET operation. */
  steps: Array<{ org: string; operationId: OperationId; keyId: string; clause: ClauseId }>;
}

/** A JSON GET: status and parsed body (undefined when not JSON), or why there was no answer. Supplied by the suite's transport. */
export type FetchJson = (
  keyId: string,
  path: string,
  query?: Array<[string, string]>,
) => Promise<{ status: number; body: unknown; failure?: { notSent: boolean; message: string }; problem?: string }>;

/** Options of {@link discoverInventory}. */
export interface DiscoveryOptions {
  /** Pages walked per list before discovery stops that walk (a note, not a finding). Default 100. */
  maxPages?: number;
  /** Listed items of each kind read back one by one, per organization. Default 20. */
  readBack?: number;
  now?: () => Date;
}

const READ_ALL_SCOPES = ['READ_ACCOUNTS', 'READ_RULES', 'READ_RULE_EXECUTIONS', 'READ_TRANSFERS', 'READ_CARDS'];

/** True when `key` can see every resource of its organization (the discovery key). */
export function seesEverything(key: KeySpec): boolean {
  if (key.revoked) return false;
  const has = (scope: string) => key.permissions.some((p) => p.scope === scope);
  const star = (scope: string) =>
    key.permissions.some((p) => p.scope === scope && (p.resources ?? []).includes('*' as never));
  return has('LIST_ACCOUNTS') && has('LIST_RULES') && READ_ALL_SCOPES.every(star);
}

/** For each organization label of the profile, its discovery key or why there is none. */
export function discoveryKeys(profile: Profile): {
  keys: Map<string, KeySpec>;
  undiscovered: Inventory['undiscovered'];
} {
  const keys = new Map<string, KeySpec>();
  const orgs = [...new Set(profile.keys.map((k) => k.org))];
  const undiscovered: Inventory['undiscovered'] = [];
  for (const org of orgs) {
    const key = profile.keys.find((k) => k.org === org && seesEverything(k));
    if (key) keys.set(org, key);
    else
      undiscovered.push({
        org,
        reason: `no key of organization ${org} holds LIST_ACCOUNTS, LIST_RULES and "*" on ${READ_ALL_SCOPES.join(', ')}; its resources cannot be listed, so cells that need them are not generated`,
      });
  }
  return { keys, undiscovered };
}

/** Which list of an organization holds the items each list operation returns. */
const LIST_OF: Partial<Record<OperationId, keyof Omit<OrgInventory, 'org' | 'keyId'>>> = {
  listAccounts: 'accounts',
  listRules: 'rules',
  listRuleExecutions: 'executions',
  listTransfers: 'transfers',
  listCards: 'cards',
  listCardTransactions: 'cardTransactions',
};

/** Walks the API for every discoverable organization. */
export async function discoverInventory(
  contract: Contract,
  profile: Profile,
  fetchJson: FetchJson,
  opts: DiscoveryOptions = {},
): Promise<Inventory> {
  const started_at = (opts.now ?? (() => new Date()))().toISOString();
  const { keys, undiscovered } = discoveryKeys(profile);
  const inv: Inventory = {
    started_at,
    orgs: [],
    owners: {},
    undiscovered,
    problems: [],
    findings: [],
    failures: [],
    steps: [],
  };
  for (const [org, key] of keys) {
    // A list step is about its pages (C-LIST-3); a read step about listed items being readable (C-FOUND-1).
    for (const op of contract.operations)
      if (op.method === 'get')
        inv.steps.push({ org, operationId: op.operationId, keyId: key.id, clause: op.list ? 'C-LIST-3' : 'C-FOUND-1' });
    inv.orgs.push(await discoverOrg(contract, org, key, fetchJson, inv, opts));
  }
  for (const o of inv.orgs)
    for (const [opId, list] of Object.entries(LIST_OF) as Array<
      [OperationId, keyof Omit<OrgInventory, 'org' | 'keyId'>]
    >)
      for (const item of o[list]) {
        const prev = inv.owners[item.id];
        if (prev !== undefined && prev !== o.org)
          inv.findings.push({
            org: o.org,
            operationId: opId,
            keyId: o.keyId,
            clause: 'C-ORG-2',
            message: `${item.id} is listed by ${opId} for organizations ${prev} and ${o.org}`,
            expected: `only items of organization ${o.org}`,
            actual: item.id,
            request: { path: contract.byId.get(opId)!.path, query: [] },
          });
        inv.owners[item.id] = o.org;
      }
  return inv;
}

/** True for a string without lone surrogates (encodable in a URL). */
function wellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short, safe description of a body that is not what was expected. */
function described(body: unknown): string {
  if (body === undefined) return 'a body that is not JSON';
  let text: string;
  try {
    text = JSON.stringify(body) ?? String(body);
  } catch {
    text = `a ${Array.isArray(body) ? 'list' : typeof body} too deep to show`;
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function showQuery(query: Array<[string, string]>): string {
  return query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

async function discoverOrg(
  contract: Contract,
  org: string,
  key: KeySpec,
  fetchJson: FetchJson,
  inv: Inventory,
  opts: DiscoveryOptions,
): Promise<OrgInventory> {
  const maxPages = opts.maxPages ?? 100;
  const op = (id: OperationId): Operation => contract.byId.get(id)!;
  const pathOf = (id: OperationId, param?: string): string =>
    param === undefined ? op(id).path : op(id).path.replace(/\{[^}]+\}/, encodeURIComponent(param));
  const finding = (
    operationId: OperationId,
    clause: ClauseId,
    message: string,
    expected: unknown,
    actual: unknown,
    path: string,
    query: Array<[string, string]>,
  ) =>
    inv.findings.push({ org, operationId, keyId: key.id, clause, message, expected, actual, request: { path, query } });

  /**
   * One GET the oracle says the discovery key may make: the body when it answered as expected,
   * else a finding (prefixed with `about`) and the status it got.
   */
  const read = async (
    operationId: OperationId,
    path: string,
    query: Array<[string, string]>,
    ref: ResourceRef,
    about = '',
  ): Promise<{ body?: Record<string, unknown>; status?: number }> => {
    const res = await fetchJson(key.id, path, query);
    if (res.failure) {
      inv.failures.push({ org, operationId, ...res.failure });
      return {};
    }
    const want = expectOutcome(op(operationId), key, ref, { credential: 'key' });
    const asked = `GET ${path}${showQuery(query)}`;
    if (res.status !== want.status) {
      if (res.status === 400 && query.some(([k, v]) => k === 'first' && v === '100'))
        finding(
          operationId,
          'C-VAL-2',
          `${about}${asked} was refused with 400: first=100 is a page size the contract allows (1..100)`,
          200,
          res.status,
          path,
          query,
        );
      else
        finding(
          operationId,
          res.status >= 500 ? 'C-BODY-3' : want.clause,
          `${about}key ${key.id} got ${res.status} for ${asked}: expected ${want.status} because ${want.because}`,
          want.status,
          res.status,
          path,
          query,
        );
      return { status: res.status };
    }
    if (!isObject(res.body)) {
      const what = res.problem ?? described(res.body);
      finding(
        operationId,
        'C-BODY-1',
        `${about}${asked} answered ${res.status} with ${what}, not a JSON object`,
        'a JSON object',
        what,
        path,
        query,
      );
      return { status: res.status };
    }
    return { body: res.body, status: res.status };
  };

  /** The items of one page, or undefined (and a finding) when `data` is not a list of objects with IDs. */
  const itemsOf = (
    operationId: OperationId,
    body: Record<string, unknown>,
    path: string,
    query: Array<[string, string]>,
  ): Item[] | undefined => {
    const data = body.data;
    const ok = Array.isArray(data) && data.every((x) => isObject(x) && typeof x.id === 'string');
    if (!ok) {
      finding(
        operationId,
        'C-BODY-1',
        `GET ${path}${showQuery(query)} answered with data ${described(data)}, not a list of objects with an id`,
        'a list of objects',
        described(data),
        path,
        query,
      );
      return undefined;
    }
    // An ID that is not well-formed Unicode (a lone surrogate) cannot be put in a URL: it is a body off its schema, and no object the suite can address.
    const broken = (data as Item[]).filter((x) => !wellFormed(x.id));
    if (broken.length) {
      finding(
        operationId,
        'C-BODY-1',
        `GET ${path}${showQuery(query)} listed ${broken.length} item(s) whose id is not well-formed Unicode`,
        'string ids',
        broken.length,
        path,
        query,
      );
      return (data as Item[]).filter((x) => wellFormed(x.id));
    }
    return data as Item[];
  };

  /** An unpaged list. */
  const list = async (
    operationId: OperationId,
    path: string,
    query: Array<[string, string]>,
    ref: ResourceRef,
  ): Promise<Item[]> => {
    const { body } = await read(operationId, path, query, ref);
    return (body && itemsOf(operationId, body, path, query)) ?? [];
  };

  /** A paged list, walked to its end: with first=100 (or the default page size when 100 is refused), stopping on a repeated cursor and at the page cap. */
  const walk = async (
    operationId: OperationId,
    path: string,
    filter: Array<[string, string]>,
    ref: ResourceRef,
  ): Promise<Item[]> => {
    const out: Item[] = [];
    const seen = new Set<string>();
    const cursors = new Set<string>();
    let size: Array<[string, string]> = [['first', '100']];
    let after: string | undefined;
    for (let page = 1; ; page++) {
      let query: Array<[string, string]> = [
        ...filter,
        ...size,
        ...(after !== undefined ? ([['after', after]] as Array<[string, string]>) : []),
      ];
      const first = await read(operationId, path, query, ref);
      let body = first.body;
      const status = first.status;
      if (!body && status === 400 && page === 1 && size.length) {
        // first=100 refused (a C-VAL-2 finding already): go on with the server's default page size.
        size = [];
        query = [...filter];
        ({ body } = await read(operationId, path, query, ref));
      }
      const items = body && itemsOf(operationId, body, path, query);
      if (!body || !items) return out;
      const twice = items.filter((i) => seen.has(i.id));
      if (twice.length)
        finding(
          operationId,
          'C-LIST-3',
          `GET ${path}${showQuery(query)} returned ${twice.length} item(s) already returned by an earlier page: ${twice
            .slice(0, 3)
            .map((i) => i.id)
            .join(', ')}`,
          'each item once',
          twice.slice(0, 10).map((i) => i.id),
          path,
          query,
        );
      for (const i of items)
        if (!seen.has(i.id)) {
          seen.add(i.id);
          out.push(i);
        }
      const info = isObject(body.page_info) ? body.page_info : undefined;
      if (!info?.has_next_page) return out;
      if (typeof info.end_cursor !== 'string' || info.end_cursor === '') {
        finding(
          operationId,
          'C-LIST-3',
          `GET ${path}${showQuery(query)} says has_next_page: true without an end_cursor`,
          'an end_cursor',
          described(info.end_cursor ?? null),
          path,
          query,
        );
        return out;
      }
      if (cursors.has(info.end_cursor)) {
        finding(
          operationId,
          'C-LIST-3',
          `GET ${path}${showQuery(query)} gave an end_cursor it had given before: the pages would never end`,
          'a new cursor',
          info.end_cursor.slice(0, 40),
          path,
          query,
        );
        return out;
      }
      if (twice.length === items.length && items.length > 0) return out;
      if (page >= maxPages) {
        inv.problems.push(
          `${org}: the walk of GET ${path}${showQuery(filter)} stopped at ${maxPages} pages (--max-pages) while has_next_page was still true; later items were not discovered`,
        );
        return out;
      }
      cursors.add(info.end_cursor);
      after = info.end_cursor;
    }
  };

  const none: ResourceRef = { kind: 'none' };
  const idRef = (id: string): ResourceRef => ({ kind: 'id', ref: { id, org } });
  const objRef = (readOp: OperationId, item: Item): ResourceRef => {
    const loc = op(readOp).permission.locator as ObjectLocator;
    return { kind: 'object', id: item.id, org, links: loc.fields.map((f) => String(fieldAt(item, f))) };
  };

  // Requests run concurrently (the transport bounds them); results are joined in a fixed order.
  const [accounts, rules] = await Promise.all([
    list('listAccounts', pathOf('listAccounts'), [], none),
    list('listRules', pathOf('listRules'), [], none),
  ]);
  const [execLists, perAccount] = await Promise.all([
    Promise.all(
      rules.map((r) => walk('listRuleExecutions', pathOf('listRuleExecutions'), [['rule_id', r.id]], idRef(r.id))),
    ),
    Promise.all(
      accounts.map(async (a) => ({
        transfers: await walk('listTransfers', pathOf('listTransfers'), [['account_id', a.id]], idRef(a.id)),
        cards: await list('listCards', pathOf('listCards'), [['account_id', a.id]], idRef(a.id)),
      })),
    ),
  ]);
  const executions = dedupe(execLists.flat());
  const transfers = dedupe(perAccount.flatMap((p) => p.transfers));
  const cards = dedupe(perAccount.flatMap((p) => p.cards));
  const cardTransactions = dedupe(
    (
      await Promise.all(
        cards.map((c) => walk('listCardTransactions', pathOf('listCardTransactions', c.id), [], objRef('getCard', c))),
      )
    ).flat(),
  );

  // Listed items must be readable by the same key (the oracle says how it is allowed).
  const readBack = opts.readBack ?? 20;
  const probe = (readOp: OperationId, listOp: OperationId, items: Item[], ref: (i: Item) => ResourceRef) =>
    Promise.all(
      items.slice(0, readBack).map(async (item) => {
        const path = pathOf(readOp, item.id);
        const { body } = await read(readOp, path, [], ref(item), `${item.id} is listed by ${listOp}, but `);
        if (body && isObject(body.data) && body.data.id !== item.id)
          finding(
            readOp,
            'C-BODY-1',
            `GET ${path} returned ${described(body.data.id)}, not ${item.id}`,
            item.id,
            described(body.data.id ?? null),
            path,
            [],
          );
      }),
    );
  await Promise.all([
    probe('getCard', 'listCards', cards, (i) => objRef('getCard', i)),
    probe('getTransfer', 'listTransfers', transfers, (i) => objRef('getTransfer', i)),
    probe('getRuleExecution', 'listRuleExecutions', executions, (i) => objRef('getRuleExecution', i)),
    probe('getAccount', 'listAccounts', accounts, (i) => idRef(i.id)),
    probe('getRule', 'listRules', rules, (i) => idRef(i.id)),
  ]);
  return { org, keyId: key.id, accounts, rules, executions, transfers, cards, cardTransactions };
}

/** Items by id, first occurrence kept (a transfer between two accounts is listed for both). */
function dedupe(items: Item[]): Item[] {
  const out = new Map<string, Item>();
  for (const i of items) if (!out.has(i.id)) out.set(i.id, i);
  return [...out.values()];
}

/** Reads a dotted path (`source.id`) of an item. */
export function fieldAt(item: unknown, path: string): unknown {
  let cur: unknown = item;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
