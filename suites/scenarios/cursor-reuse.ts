/**
 * A cursor reused with other filters, another member value or another key (C-VAL-2, C-LIST-1):
 * the contract says only that a cursor is one the server issued for the same operation. Reused
 * under other filters it may be refused (400 `invalid_request`: a server may bind cursors to the
 * request that got them) or followed; followed, every item of the answer satisfies the filters
 * sent with it, never those the cursor was issued under (docs/contract-notes.md, row 50).
 */
import type { ResourceRef, Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import type { Item } from '../../generators/inventory.ts';
import { listMiss } from '../../generators/list-match.ts';
import { memberCounts, type MatrixCtx } from '../../generators/matrix-context.ts';
import { baseRequest } from '../../generators/resources.ts';
import type { Operation } from '../../openapi/types.ts';
import { errorCode } from '../checks/status.ts';
import type { Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { walkTargets } from './page-walk.ts';
import { get, isObject, itemsOf, must, statusFor } from './steps.ts';

/** A request the cursor is reused with: another path or query of the same operation, maybe by another key. */
interface Reuse {
  label: string;
  path: string;
  query: Array<[string, string]>;
  keyId: string;
}

/** A cursor of one page of a paged list, reused with other filters, another member value and another key. */
export interface CursorReuse extends Scenario {
  kind: 'cursor_reuse';
  query: Array<[string, string]>;
  reuses: Reuse[];
  clause: 'C-LIST-1';
}

const refValue = (ref: ResourceRef): string => (ref.kind === 'id' ? ref.ref.id : ref.kind === 'object' ? ref.id : '');

/** The other filters a cursor of `op` is reused with: one value of each fixed enum filter, and each narrowing role. */
function otherFilters(op: Operation): Array<Array<[string, string]>> {
  const xl = op.list!;
  const out: Array<Array<[string, string]>> = [];
  const role = xl.membership?.role;
  if (role) for (const r of Object.keys(role.fields)) if (r !== role.default) out.push([[role.param, r]]);
  for (const f of xl.filters) {
    if (f.mutable) continue;
    const en = (op.parameters.find((x) => x.name === f.param)?.schema as { enum?: unknown[] } | undefined)?.enum;
    if (Array.isArray(en) && en.length) out.push([[f.param, String(en[0])]]);
  }
  return out;
}

function build(ctx: MatrixCtx): CursorReuse[] {
  const out: CursorReuse[] = [];
  for (const o of ctx.inv.orgs.slice(0, 1)) {
    const key = ctx.keys.find((k) => k.id === o.keyId);
    if (!key) continue;
    for (const op of ctx.contract.operations.filter((x) => x.list?.paged)) {
      const { resources, busiest } = walkTargets(ctx, o, op, key);
      const counts = memberCounts(ctx, o, op);
      const r0 = busiest[0];
      // A page of one must leave items behind it, or the reused cursor has nothing to show.
      if (!r0 || (counts.get(refValue(r0.ref)) ?? 0) < 3) continue;
      const base = baseRequest(op, r0.ref);
      const reuses: Reuse[] = otherFilters(op).map((extra) => ({
        label: extra.map(([k, v]) => `${k}=${v}`).join('&'),
        path: base.path,
        query: [...base.query, ...extra],
        keyId: key.id,
      }));
      const other = resources.find(
        (r) => r !== r0 && (counts.get(refValue(r.ref)) ?? 0) > 0 && statusFor(op, key, r.ref) === 200,
      );
      if (other) {
        const b = baseRequest(op, other.ref);
        reuses.push({
          label: `another ${refValue(r0.ref).split('_')[0]}`,
          path: b.path,
          query: b.query,
          keyId: key.id,
        });
      }
      // Another key of the organization that may list the same member value.
      const peer = ctx.keys.find(
        (k) => k.id !== key.id && !k.revoked && k.org === key.org && statusFor(op, k, r0.ref) === 200,
      );
      if (peer) reuses.push({ label: `key ${peer.id}`, path: base.path, query: base.query, keyId: peer.id });
      if (!reuses.length) continue;
      out.push({
        id: contentId('s', { kind: 'cursor_reuse', op: op.operationId, key: key.id, path: base.path, reuses }),
        kind: 'cursor_reuse',
        operationId: op.operationId,
        keyId: key.id,
        path: base.path,
        query: base.query,
        reuses,
        clause: 'C-LIST-1',
      });
    }
  }
  return out;
}

async function run(s: CursorReuse, { ctx, judged, report }: Steps): Promise<void> {
  const op = ctx.contract.byId.get(s.operationId)!;
  const firstReq = get(s.path, [...s.query, ['first', '1']]);
  const first = await judged({ req: firstReq, keyId: s.keyId, operationId: s.operationId, expect: null });
  const info = isObject(first.json) && isObject(first.json.page_info) ? first.json.page_info : undefined;
  const cursor = info?.end_cursor;
  // A first page without a cursor is the page walks' finding (C-LIST-3); there is nothing to reuse.
  if (first.status !== 200 || typeof cursor !== 'string' || !cursor) return;
  for (const r of s.reuses) {
    const req = get(r.path, [...r.query, ['after', cursor]]);
    const res = await judged({ req, keyId: r.keyId, operationId: s.operationId, expect: null });
    const sender: Sender = { credential: 'key', keyId: r.keyId };
    if (res.status === 400 && errorCode(res.json) === 'invalid_request') continue;
    if (res.status !== 200) {
      if (res.status < 500 && res.status !== 429)
        report(
          [
            must(
              'C-VAL-2',
              `a cursor of ${s.operationId} reused with ${r.label} answered ${res.status}`,
              '200, or 400 invalid_request',
              res.status,
            ),
          ],
          req,
          sender,
        );
      continue;
    }
    const misses = itemsOf(res)
      .map((i: Item) => listMiss(op, req, i))
      .filter((m): m is string => m !== null);
    if (misses.length)
      report(
        [
          must(
            'C-LIST-1',
            `a cursor of ${s.operationId} reused with ${r.label} returned ${misses.length} item(s) that do not match the filters sent with it (the cursor's own filters were applied?): ${misses.slice(0, 3).join('; ')}`,
            'only items matching the filters sent, or 400',
            misses.slice(0, 10),
          ),
        ],
        req,
        sender,
      );
  }
}

export default defineScenarioKind({
  kind: 'cursor_reuse',
  check: {
    id: 'reused_cursor_follows_request',
    clauses: ['C-LIST-1', 'C-VAL-2'],
    description:
      'A cursor reused with other filters, another member value or another key is refused with 400 or followed, and then every item matches the filters sent with it.',
  },
  group: 'lists',
  writes: 'none',
  judgesSteps: true,
  build,
  resource: (s) => `${s.path}?${s.query.map(([k, v]) => `${k}=${v}`).join('&')}`,
  requests: (s) => 1 + s.reuses.length,
  because: (s) =>
    `a cursor of ${s.operationId} reused with ${s.reuses.map((r) => r.label).join(', ')} is refused or followed under the filters sent`,
  run,
});
