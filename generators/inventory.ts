/**
 * Inventory discovery: for each organization, a key that sees everything walks the API and
 * records every resource, its owner organization and its links. The HTTP call is injected, so
 * this layer stays below `suites/`.
 */
import { MisuseError } from '../openapi/errors.ts';
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

/** The discovered inventory of every organization of a profile. */
export interface Inventory {
  /** ISO time discovery started; items created later are not part of it. */
  started_at: string;
  orgs: OrgInventory[];
  /** id -> owning organization label. */
  owners: Record<string, string>;
  /** Organizations that have no key able to see everything, and so cannot be discovered. */
  undiscovered: Array<{ org: string; reason: string }>;
  /** Inconsistent answers met while discovering (a listed object whose GET fails, …). */
  problems: string[];
}

/** A minimal JSON GET: status and parsed body. Supplied by the suite's transport. */
export type FetchJson = (keyId: string, path: string, query?: Record<string, string>) => Promise<{ status: number; body: unknown }>;

const READ_ALL_SCOPES = ['READ_ACCOUNTS', 'READ_RULES', 'READ_RULE_EXECUTIONS', 'READ_TRANSFERS', 'READ_CARDS'];

/** True when `key` can see every resource of its organization (the discovery key). */
export function seesEverything(key: KeySpec): boolean {
  if (key.revoked) return false;
  const has = (scope: string) => key.permissions.some((p) => p.scope === scope);
  const star = (scope: string) => key.permissions.some((p) => p.scope === scope && (p.resources ?? []).includes('*' as never));
  return has('LIST_ACCOUNTS') && has('LIST_RULES') && READ_ALL_SCOPES.every(star);
}

/** For each organization label of the profile, its discovery key or why there is none. */
export function discoveryKeys(profile: Profile): { keys: Map<string, KeySpec>; undiscovered: Inventory['undiscovered'] } {
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

/** Walks the API for every discoverable organization. */
export async function discoverInventory(profile: Profile, fetchJson: FetchJson, now: () => Date = () => new Date()): Promise<Inventory> {
  const started_at = now().toISOString();
  const { keys, undiscovered } = discoveryKeys(profile);
  const problems: string[] = [];
  const orgs: OrgInventory[] = [];
  for (const [org, key] of keys) orgs.push(await discoverOrg(org, key.id, fetchJson, problems));
  const owners: Record<string, string> = {};
  for (const o of orgs)
    for (const list of [o.accounts, o.rules, o.executions, o.transfers, o.cards, o.cardTransactions])
      for (const item of list) {
        const prev = owners[item.id];
        if (prev !== undefined && prev !== o.org) problems.push(`${item.id} is listed by organizations ${prev} and ${o.org} (C-ORG-2)`);
        owners[item.id] = o.org;
      }
  return { started_at, orgs, owners, undiscovered, problems };
}

async function discoverOrg(org: string, keyId: string, fetchJson: FetchJson, problems: string[]): Promise<OrgInventory> {
  const get = async (path: string, query?: Record<string, string>): Promise<{ data: Item[]; page_info?: { has_next_page?: boolean; end_cursor?: string | null } }> => {
    const res = await fetchJson(keyId, path, query);
    if (res.status !== 200 || typeof res.body !== 'object' || res.body === null || !Array.isArray((res.body as { data?: unknown }).data))
      throw new MisuseError(
        'TARGET_DISCOVERY_FAILED',
        `${org}: GET ${path}${query ? `?${new URLSearchParams(query)}` : ''}`,
        `key ${keyId} got ${res.status} where a list was expected`,
        'the discovery key must hold LIST_ACCOUNTS, LIST_RULES and "*" on every READ scope',
      );
    return res.body as { data: Item[] };
  };
  const all = async (path: string, query: Record<string, string>): Promise<Item[]> => {
    const out: Item[] = [];
    const seen = new Set<string>();
    let after: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const body = await get(path, { ...query, first: '100', ...(after ? { after } : {}) });
      for (const item of body.data) {
        if (seen.has(item.id)) problems.push(`${org}: ${path} returned ${item.id} twice while paging (C-LIST-3)`);
        else out.push(item);
        seen.add(item.id);
      }
      const info = body.page_info;
      if (!info?.has_next_page || !info.end_cursor) break;
      after = info.end_cursor;
    }
    return out;
  };

  // Requests run concurrently (the transport bounds them); results are joined in a fixed order.
  const [accountsBody, rulesBody] = await Promise.all([get('/accounts'), get('/rules')]);
  const accounts = accountsBody.data;
  const rules = rulesBody.data;
  const [execLists, perAccount] = await Promise.all([
    Promise.all(rules.map((r) => all('/rule-executions', { rule_id: r.id }))),
    Promise.all(accounts.map(async (a) => ({ transfers: await all('/transfers', { account_id: a.id }), cards: (await get('/cards', { account_id: a.id })).data }))),
  ]);
  const executions = execLists.flat();
  const transfers = new Map<string, Item>();
  for (const p of perAccount) for (const t of p.transfers) transfers.set(t.id, t);
  const cards = perAccount.flatMap((p) => p.cards);
  const cardTransactions = (await Promise.all(cards.map((c) => all(`/cards/${encodeURIComponent(c.id)}/transactions`, {})))).flat();

  const probe = async (kind: string, path: string, items: Item[]) => {
    const answers = await Promise.all(items.slice(0, 20).map(async (item) => ({ item, res: await fetchJson(keyId, `${path}/${encodeURIComponent(item.id)}`) })));
    for (const { item, res } of answers)
      if (res.status !== 200) problems.push(`${org}: ${kind} ${item.id} is listed, but GET ${path}/${item.id} answered ${res.status} to the same key`);
  };
  await Promise.all([
    probe('card', '/cards', cards),
    probe('transfer', '/transfers', [...transfers.values()]),
    probe('rule execution', '/rule-executions', executions),
    probe('account', '/accounts', accounts),
    probe('rule', '/rules', rules),
  ]);
  return { org, keyId, accounts, rules, executions, transfers: [...transfers.values()], cards, cardTransactions };
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
