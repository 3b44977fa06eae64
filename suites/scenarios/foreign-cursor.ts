/**
 * Foreign cursors (C-VAL-2): a cursor issued by one paged list is not a cursor of another, so
 * the other refuses it with 400.
 */
import type { Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import { memberCounts, type MatrixCtx } from '../../generators/matrix-context.ts';
import { baseRequest, resourcesFor } from '../../generators/resources.ts';
import type { OperationId } from '../../openapi/types.ts';
import { errorCode } from '../checks/status.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { walkTargets } from './page-walk.ts';
import { get, must } from './steps.ts';

/** A cursor of `fromOperationId` sent to `operationId`. */
export interface ForeignCursor extends Scenario {
  kind: 'foreign_cursor';
  fromOperationId: OperationId;
  query: Array<[string, string]>;
  fromPath: string;
  fromQuery: Array<[string, string]>;
  clause: 'C-VAL-2';
}

function build(ctx: MatrixCtx): ForeignCursor[] {
  const out: ForeignCursor[] = [];
  const c = ctx.contract;
  for (const o of ctx.inv.orgs) {
    const key = ctx.keys.find((k) => k.id === o.keyId);
    if (!key) continue;
    for (const op of c.operations.filter((x) => x.list?.paged)) {
      const other = c.operations.find((x) => x.list?.paged && x.operationId !== op.operationId);
      const r0 = walkTargets(ctx, o, op, key).busiest[0];
      const otherCounts = other ? memberCounts(ctx, o, other) : new Map<string, number>();
      const rOther = other
        ? resourcesFor(ctx, other, key).find(
            (r) =>
              (r.ref.kind === 'id' || r.ref.kind === 'object') &&
              (r.ref.kind === 'id' ? r.ref.ref.org : r.ref.org) === key.org &&
              (otherCounts.get(r.ref.kind === 'id' ? r.ref.ref.id : r.ref.id) ?? 0) > 1,
          )
        : undefined;
      if (other && r0 && rOther) {
        const a = baseRequest(op, r0.ref);
        const b = baseRequest(other, rOther.ref);
        const content = { kind: 'foreign_cursor', op: op.operationId, from: other.operationId, key: key.id };
        out.push({
          id: contentId('s', content),
          kind: 'foreign_cursor',
          operationId: op.operationId,
          fromOperationId: other.operationId,
          keyId: key.id,
          path: a.path,
          query: a.query,
          fromPath: b.path,
          fromQuery: b.query,
          clause: 'C-VAL-2',
        });
      }
    }
  }
  return out;
}

async function run(s: ForeignCursor, { send, report }: Steps): Promise<void> {
  const sender = { credential: 'key' as const, keyId: s.keyId };
  const from = await send(get(s.fromPath, [...s.fromQuery, ['first', '1']]), s.keyId);
  const cursor = (from.json as { page_info?: { end_cursor?: unknown } } | undefined)?.page_info?.end_cursor;
  // The other list was chosen with more than one item, so a page of one must carry a cursor (C-LIST-3).
  if (typeof cursor !== 'string' || !cursor)
    report(
      [
        must(
          'C-LIST-3',
          `${s.fromOperationId} gave no end_cursor on a full page of first=1 (${from.status})`,
          'an end_cursor',
          cursor ?? null,
        ),
      ],
      get(s.fromPath, [...s.fromQuery, ['first', '1']]),
      sender,
    );
  else {
    const req = get(s.path, [...s.query, ['after', cursor]]);
    const res = await send(req, s.keyId);
    if (res.status !== 400 || errorCode(res.json) !== 'invalid_request')
      report(
        [
          must(
            'C-VAL-2',
            `a cursor issued by ${s.fromOperationId} was accepted by ${s.operationId} (${res.status})`,
            400,
            res.status,
          ),
        ],
        req,
        sender,
      );
  }
}

export default defineScenarioKind({
  kind: 'foreign_cursor',
  check: {
    id: 'foreign_cursor_rejected',
    clauses: ['C-VAL-2', 'C-LIST-3'],
    description: 'A cursor issued for another operation is refused with 400.',
  },
  group: 'lists',
  writes: 'none',
  build,
  resource: (s) => `${s.path}?${s.query.map(([k, v]) => `${k}=${v}`).join('&')}`,
  requests: () => 2,
  because: (s) => `a cursor of ${s.fromOperationId} is not a cursor of ${s.operationId}`,
  run,
});
