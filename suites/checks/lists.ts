/** Checks of list responses: filters, exact membership, order, org isolation (C-LIST-1..3, C-ORG-2). */
import { listItemKind } from '../../generators/contract-facts.ts';
import { type Item } from '../../generators/inventory.ts';
import { listMiss } from '../../generators/list-match.ts';
import { defineCheck, type CheckInput, type Violation } from './types.ts';

/** The items of a 200 list response, or undefined. */
export function listItems(res: CheckInput['res']): Item[] | undefined {
  const data = (res.json as { data?: unknown } | undefined)?.data;
  return res.status === 200 && Array.isArray(data)
    ? (data.filter((x) => x && typeof x === 'object') as Item[])
    : undefined;
}

/** Query parameters of a request as a map (the last value wins). */
export function queryOf(c: CheckInput['case']): Map<string, string> {
  return new Map(c.request.query);
}

export const listFiltersHold = defineCheck({
  id: 'list_filters_hold',
  clauses: ['C-LIST-1'],
  description: 'Every item of a list satisfies every filter sent.',
  run({ case: c, op, res }) {
    const items = listItems(res);
    if (!items || !op.list) return [];
    const misses = items.map((i) => listMiss(op, c.request, i)).filter((m): m is string => m !== null);
    return misses.length
      ? [
          {
            clause: 'C-LIST-1',
            level: 'must',
            message: `${misses.length} item(s) break a filter: ${misses.slice(0, 3).join('; ')}`,
            expected: 'every item matches',
            actual: misses.slice(0, 10),
          },
        ]
      : [];
  },
});

export const listOrgIsolation = defineCheck({
  id: 'list_org_isolation',
  clauses: ['C-ORG-2'],
  description: "A list never holds another organization's items.",
  run({ op, res, inventory, key }) {
    const items = listItems(res);
    if (!items || !op.list || !key) return [];
    const foreign = items.filter((i) => {
      const owner = inventory.owners[i.id];
      return owner !== undefined && owner !== key.org;
    });
    return foreign.length
      ? [
          {
            clause: 'C-ORG-2',
            level: 'must',
            message: `${foreign.length} item(s) of another organization: ${foreign
              .slice(0, 3)
              .map((i) => i.id)
              .join(', ')}`,
            expected: `only organization ${key.org}`,
            actual: foreign.slice(0, 10).map((i) => i.id),
          },
        ]
      : [];
  },
});

export const listOrder = defineCheck({
  id: 'list_order',
  clauses: ['C-LIST-3'],
  description: 'Paged lists are ordered by created_at, newest first, and hold at most `first` items.',
  run({ case: c, op, res }) {
    const items = listItems(res);
    if (!items || !op.list?.order) return [];
    const out: Violation[] = [];
    const first = Number(queryOf(c).get('first') ?? 20);
    if (Number.isInteger(first) && items.length > first)
      out.push({
        clause: 'C-LIST-3',
        level: 'must',
        message: `page holds ${items.length} items, first=${first}`,
        expected: `<= ${first}`,
        actual: items.length,
      });
    for (let i = 1; i < items.length; i++) {
      const a = Date.parse(String(items[i - 1]!.created_at));
      const b = Date.parse(String(items[i]!.created_at));
      if (a < b) {
        out.push({
          clause: 'C-LIST-3',
          level: 'must',
          message: `${items[i]!.id} is newer than ${items[i - 1]!.id} but comes after it`,
          expected: 'created_at descending',
          actual: [items[i - 1]!.created_at, items[i]!.created_at],
        });
        break;
      }
    }
    return out;
  },
});

/** The inventory items an unpaged list must hold exactly, or undefined where exactness is not judged. */
function expectedMembers(input: CheckInput): Item[] | undefined {
  const { op, key, inventory, case: c } = input;
  if (!key || !op.list || op.list.paged) return undefined;
  const org = inventory.orgs.find((o) => o.org === key.org);
  if (!org) return undefined;
  const kind = listItemKind(input.contract, op);
  const pool =
    kind === 'account' ? org.accounts : kind === 'rule' ? org.rules : kind === 'card' ? org.cards : undefined;
  return pool?.filter((i) => listMiss(op, c.request, i) === null);
}

export const listMembershipExact = defineCheck({
  id: 'list_membership_exact',
  clauses: ['C-LIST-2', 'C-PERM-2b'],
  description:
    "An unpaged list holds exactly the organization's items that match its filters (items created after discovery excepted).",
  run(input) {
    const items = listItems(input.res);
    const expected = expectedMembers(input);
    if (!items || !expected) return [];
    const got = new Set(items.map((i) => i.id));
    const want = new Set(expected.map((i) => i.id));
    // Under a filter on a field that can change (a status), items may rightly have left or joined
    // since discovery; what comes back is still judged, item by item, by list_filters_hold.
    const q = queryOf(input.case);
    if ((input.op.list?.filters ?? []).some((f) => f.mutable && q.has(f.param))) return [];
    const missing = [...want].filter((id) => !got.has(id));
    const started = Date.parse(input.inventory.started_at);
    const extra = items.filter(
      (i) =>
        !want.has(i.id) &&
        !(Date.parse(String(i.created_at)) >= started) &&
        listMiss(input.op, input.case.request, i) === null &&
        input.inventory.owners[i.id] !== undefined,
    );
    const out: Violation[] = [];
    if (missing.length)
      out.push({
        clause: input.op.permission.addressing === 'none' ? 'C-PERM-2b' : 'C-LIST-2',
        level: 'must',
        message: `${missing.length} matching item(s) missing: ${missing.slice(0, 3).join(', ')}`,
        expected: [...want].slice(0, 20),
        actual: [...got].slice(0, 20),
      });
    if (extra.length)
      out.push({
        clause: 'C-LIST-2',
        level: 'must',
        message: `${extra.length} unexpected item(s): ${extra
          .slice(0, 3)
          .map((i) => i.id)
          .join(', ')}`,
        expected: [...want].slice(0, 20),
        actual: [...got].slice(0, 20),
      });
    return out;
  },
});
