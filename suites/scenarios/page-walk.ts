/**
 * Page walks (C-LIST-3, and C-LIST-1/2 under filters): every page of a paged list walked to its
 * end, each item exactly once, newest first, with consistent `page_info`, exactly the items the
 * list holds. Built for every member value of each paged list (first=100), the busiest also page
 * by page, and under each value of each filter.
 */
import fc from 'fast-check';
import type { RequestSpec, ResourceRef, Scenario } from '../../generators/case-types.ts';
import { listItemKind } from '../../generators/contract-facts.ts';
import { contentId } from '../../generators/ids.ts';
import { fieldAt, type Item, type OrgInventory } from '../../generators/inventory.ts';
import { listMiss } from '../../generators/list-match.ts';
import { itemsOf as inventoryItems, membersByValue, type MatrixCtx } from '../../generators/matrix-context.ts';
import type { KeySpec } from '../../generators/profile.ts';
import { baseRequest, resourcesFor } from '../../generators/resources.ts';
import type { ClauseId } from '../../openapi/clauses.ts';
import type { Operation } from '../../openapi/types.ts';
import type { Violation } from '../checks/types.ts';
import type { EngineContext } from '../engine-context.ts';
import { defineScenarioKind, type Send, type Steps } from './kind.ts';
import { dataOf, get, isObject, itemsOf, must } from './steps.ts';

/** The page size of C-LIST-3 when a request sends no `first`. */
const DEFAULT_PAGE_SIZE = 20;

/** `first` as the walk sent it, or the default it relies on. */
function shownFirst(s: PageWalk): string {
  return s.first === null ? `${DEFAULT_PAGE_SIZE} (the default, first not sent)` : String(s.first);
}

/** A page walk. */
export interface PageWalk extends Scenario {
  kind: 'page_walk';
  query: Array<[string, string]>;
  /** Page size sent, or null to send none: the contract's default, 20, applies (C-LIST-3). */
  first: number | null;
  /** Items the walk must return: the inventory's, under the membership and filters sent. */
  expectedIds: string[] | null;
  /** GET path template (`/transfers/{id}`) to re-read a missing item whose filtered field may have changed since discovery. */
  recheck?: string;
  clause: 'C-LIST-3' | 'C-LIST-1';
}

/** The member values of a paged list a key of `o` walks: those of its organization, the busiest first. */
export function walkTargets(
  ctx: MatrixCtx,
  o: OrgInventory,
  op: Operation,
  key: KeySpec,
): {
  resources: ReturnType<typeof resourcesFor>;
  byValue: Map<string, Item[]>;
  busiest: ReturnType<typeof resourcesFor>;
} {
  const resources = resourcesFor(ctx, op, key).filter(
    (r) =>
      (r.ref.kind === 'id' || r.ref.kind === 'object') && (r.ref.kind === 'id' ? r.ref.ref.org : r.ref.org) === key.org,
  );
  const byValue = membersByValue(ctx, o, op);
  const count = (r: { ref: ResourceRef }) =>
    byValue.get(r.ref.kind === 'id' ? r.ref.ref.id : r.ref.kind === 'object' ? r.ref.id : '')?.length ?? 0;
  return { resources, byValue, busiest: [...resources].sort((a, b) => count(b) - count(a)).slice(0, 2) };
}

function build(ctx: MatrixCtx): PageWalk[] {
  const out: PageWalk[] = [];
  for (const o of ctx.inv.orgs) {
    const key = ctx.keys.find((k) => k.id === o.keyId);
    if (!key) continue;
    for (const op of ctx.contract.operations.filter((x) => x.list?.paged)) {
      const { resources, byValue, busiest } = walkTargets(ctx, o, op, key);
      if (busiest[0]) filteredWalks(ctx, o, op, key, busiest[0].ref, out);
      const sizes = [1, 10, ...fc.sample(fc.integer({ min: 2, max: 100 }), { seed: ctx.opts.seed, numRuns: 1 })];
      // Every member value is walked once with first=100 (exact membership, C-LIST-2); the busiest also page by page.
      for (const r of resources) {
        const req = baseRequest(op, r.ref);
        const value = r.ref.kind === 'id' ? r.ref.ref.id : (r.ref as { id: string }).id;
        const items = byValue.get(value) ?? [];
        // The busiest is also walked without `first`: pages of the contract's default size.
        for (const first of busiest.includes(r) ? [...sizes, 100, null] : [100]) {
          const content = {
            kind: 'page_walk',
            op: op.operationId,
            key: key.id,
            path: req.path,
            query: req.query,
            first,
          };
          out.push({
            id: contentId('s', content),
            kind: 'page_walk',
            operationId: op.operationId,
            keyId: key.id,
            path: req.path,
            query: req.query,
            first,
            expectedIds: items.map((i) => i.id).sort(),
            clause: 'C-LIST-3',
          });
        }
      }
    }
  }
  return out;
}

/** Filtered walks (C-LIST-1, C-LIST-2 and the inclusive bounds of C-LIST-3): each value of each filter. */
function filteredWalks(
  ctx: MatrixCtx,
  o: OrgInventory,
  op: Operation,
  key: KeySpec,
  ref: ResourceRef,
  out: PageWalk[],
): void {
  const xl = op.list!;
  const ms = xl.membership!;
  const value = ref.kind === 'id' ? ref.ref.id : ref.kind === 'object' ? ref.id : '';
  const base = baseRequest(op, ref);
  const items = inventoryItems(ctx, o, op).filter((i) => ms.fields.some((f) => fieldAt(i, f) === value));
  const kind = listItemKind(ctx.contract, op);
  const getOp = kind ? ctx.contract.resourceKinds[kind].get : undefined;
  const recheck = getOp ? ctx.contract.byId.get(getOp)?.path : undefined;
  const variants: Array<Array<[string, string]>> = [];
  const enumOf = (param: string) =>
    (op.parameters.find((x) => x.name === param)?.schema as { enum?: unknown[] } | undefined)?.enum;
  const firstEnum = xl.filters.find((f) => Array.isArray(enumOf(f.param)) && !f.mutable);
  if (ms.role)
    for (const r of Object.keys(ms.role.fields)) {
      if (r === ms.role.default) continue;
      variants.push([[ms.role.param, r]]);
      // A role narrows, it does not replace the other filters.
      if (firstEnum)
        for (const v of enumOf(firstEnum.param)!)
          variants.push([
            [ms.role.param, r],
            [firstEnum.param, String(v)],
          ]);
    }
  for (const f of xl.filters) {
    const en = enumOf(f.param);
    if (Array.isArray(en)) for (const v of en) variants.push([[f.param, String(v)]]);
    else if (f.op !== 'eq') {
      const times = items.map((i) => String(i.created_at)).sort();
      const mid = times[Math.floor(times.length / 2)];
      if (mid) {
        variants.push([[f.param, mid]]);
        // The same instant written with another offset (RFC 3339): the bound is a time, not a string.
        if (!Number.isNaN(Date.parse(mid)))
          variants.push([[f.param, new Date(Date.parse(mid) + 2 * 3600_000).toISOString().replace(/Z$/, '+02:00')]]);
      }
    }
  }
  for (const extra of variants) {
    const query = [...base.query, ...extra];
    const expectedIds = items
      .filter((i) => listMiss(op, { path: base.path, query }, i) === null)
      .map((i) => i.id)
      .sort();
    const content = { kind: 'page_walk', op: op.operationId, key: key.id, path: base.path, query, first: 100 };
    out.push({
      id: contentId('s', content),
      kind: 'page_walk',
      operationId: op.operationId,
      keyId: key.id,
      path: base.path,
      query,
      first: 100,
      expectedIds,
      ...(recheck ? { recheck } : {}),
      clause: 'C-LIST-1',
    });
  }
}

async function pageWalk(s: PageWalk, { ctx, send, report }: Steps): Promise<void> {
  const seen = new Map<string, Item>();
  const dupes: string[] = [];
  const problems: Array<{ clause: ClauseId; text: string }> = [];
  const cursors = new Set<string>();
  let after: string | undefined;
  let last: Item | undefined;
  let lastReq: RequestSpec = get(s.path, s.query);
  const size = s.first ?? DEFAULT_PAGE_SIZE;
  const limit = Math.ceil(((s.expectedIds?.length ?? 0) + 200) / size) + 2;
  let pages = 0;
  for (let page = 0; page < limit; page++) {
    pages = page + 1;
    lastReq = get(s.path, [
      ...s.query,
      ...(s.first === null ? [] : ([['first', String(s.first)]] as Array<[string, string]>)),
      ...(after ? ([['after', after]] as Array<[string, string]>) : []),
    ]);
    const res = await send(lastReq, s.keyId);
    if (res.status !== 200) {
      problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} answered ${res.status}` });
      break;
    }
    if (!isObject(res.json) || !Array.isArray(res.json.data)) {
      problems.push({
        clause: 'C-BODY-1',
        text: `page ${page + 1} answered 200 with ${res.json === undefined ? 'a body that is not JSON' : `${JSON.stringify(res.json)?.slice(0, 40)}`}, not a list`,
      });
      break;
    }
    const items = itemsOf(res);
    const info = isObject(res.json.page_info)
      ? (res.json.page_info as { has_next_page?: unknown; end_cursor?: unknown })
      : undefined;
    if (items.length > size)
      problems.push({
        clause: 'C-LIST-3',
        text: `page ${page + 1} holds ${items.length} items for first=${shownFirst(s)}`,
      });
    for (const it of items) {
      if (seen.has(it.id)) dupes.push(it.id);
      if (last && Date.parse(String(last.created_at)) < Date.parse(String(it.created_at)))
        problems.push({ clause: 'C-LIST-3', text: `${it.id} is newer than ${last.id} but comes after it` });
      seen.set(it.id, it);
      last = it;
    }
    if (!info || typeof info.has_next_page !== 'boolean') {
      problems.push({ clause: 'C-LIST-3', text: 'page_info.has_next_page is missing' });
      break;
    }
    if (items.length === 0 && info.end_cursor !== null)
      problems.push({ clause: 'C-LIST-3', text: 'end_cursor is not null on an empty page' });
    if (items.length === 0 && page > 0)
      problems.push({ clause: 'C-LIST-3', text: `page ${page} said has_next_page: true, but no item followed` });
    if (items.length > 0 && (typeof info.end_cursor !== 'string' || !info.end_cursor))
      problems.push({ clause: 'C-LIST-3', text: `page ${page + 1} has items but no end_cursor` });
    if (info.has_next_page && items.length === 0)
      problems.push({ clause: 'C-LIST-3', text: 'has_next_page is true on an empty page' });
    // "paged by first": a page that is not the last holds first items, not fewer (C-LIST-3).
    if (info.has_next_page && items.length > 0 && items.length < size)
      problems.push({
        clause: 'C-LIST-3',
        text: `page ${page + 1} holds ${items.length} items for first=${shownFirst(s)} although has_next_page is true`,
      });
    if (!info.has_next_page) break;
    if (typeof info.end_cursor !== 'string' || !info.end_cursor) break;
    after = info.end_cursor;
    if (cursors.has(after)) {
      problems.push({
        clause: 'C-LIST-3',
        text: `page ${page + 1} gave end_cursor ${JSON.stringify(after.slice(0, 40))} again: the walk would never end`,
      });
      break;
    }
    cursors.add(after);
    if (page === limit - 1)
      problems.push({ clause: 'C-LIST-3', text: `more than ${limit} pages: the walk does not end` });
  }
  const vs: Violation[] = [];
  if (dupes.length)
    vs.push(
      must(
        'C-LIST-3',
        `${dupes.length} item(s) returned twice while paging: ${dupes.slice(0, 3).join(', ')}`,
        'each item once',
        dupes.slice(0, 10),
      ),
    );
  for (const p of problems) vs.push(must(p.clause, p.text, 'consistent pages', p.text));
  if (s.expectedIds) {
    let missing = s.expectedIds.filter((id) => !seen.has(id));
    if (missing.length && s.recheck) missing = await stillMatching(ctx, s, missing, send);
    // On one page a missing item breaks the list's membership (C-LIST-2); across pages, the walk (C-LIST-3).
    const clause = s.clause === 'C-LIST-1' ? 'C-LIST-1' : pages > 1 ? 'C-LIST-3' : 'C-LIST-2';
    if (missing.length)
      vs.push(
        must(
          clause,
          `walking every page missed ${missing.length} item(s): ${missing.slice(0, 3).join(', ')}`,
          `${s.expectedIds.length} items`,
          seen.size,
        ),
      );
  }
  // What came back is judged as it is now, not as discovery saw it: items created or changed since belong if they match.
  const op = ctx.contract.byId.get(s.operationId)!;
  const misfits = [...seen.values()].map((i) => listMiss(op, s, i)).filter((m): m is string => m !== null);
  if (misfits.length)
    vs.push(
      must(
        'C-LIST-1',
        `walking every page returned ${misfits.length} item(s) that do not match the request: ${misfits.slice(0, 3).join('; ')}`,
        'only matching items',
        misfits.slice(0, 10),
      ),
    );
  const key = ctx.keys.get(s.keyId);
  const foreign = [...seen.values()].filter(
    (i) => key && ctx.inventory.owners[i.id] !== undefined && ctx.inventory.owners[i.id] !== key.org,
  );
  if (foreign.length)
    vs.push(
      must(
        'C-ORG-2',
        `walking every page returned ${foreign.length} item(s) of another organization: ${foreign
          .slice(0, 3)
          .map((i) => i.id)
          .join(', ')}`,
        `only organization ${key!.org}`,
        foreign.slice(0, 10).map((i) => i.id),
      ),
    );
  if (vs.length) report(vs, lastReq, { credential: 'key', keyId: s.keyId });
}

/**
 * Of the items a filtered walk missed, those that still satisfy the filters when read again: an
 * item whose status moved on since discovery is rightly absent from a status-filtered list.
 */
async function stillMatching(ctx: EngineContext, s: PageWalk, missing: string[], send: Send): Promise<string[]> {
  const op = ctx.contract.byId.get(s.operationId)!;
  const out: string[] = [];
  for (const id of missing.slice(0, 50)) {
    const res = await send(get(s.recheck!.replace('{id}', encodeURIComponent(id))), s.keyId);
    const item = dataOf(res);
    if (res.status !== 200 || !item || listMiss(op, s, item as Item) === null) out.push(id);
  }
  return [...out, ...missing.slice(50)];
}

export default defineScenarioKind({
  kind: 'page_walk',
  check: {
    id: 'pages_walk_exact',
    clauses: ['C-LIST-3', 'C-LIST-2', 'C-LIST-1', 'C-ORG-2'],
    description: 'Walking every page returns each matching item exactly once, newest first, with consistent page_info.',
  },
  group: 'lists',
  writes: 'none',
  build,
  resource: (s) => `${s.path}?${s.query.map(([k, v]) => `${k}=${v}`).join('&')}`,
  requests: (s) => Math.ceil((s.expectedIds?.length ?? 0) / (s.first ?? DEFAULT_PAGE_SIZE)) + 1,
  because: (s) => `walking pages of ${shownFirst(s)} returns every matching item once, newest first`,
  run: pageWalk,
});
