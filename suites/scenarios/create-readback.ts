/**
 * Create, then read back (C-STATE-1): a created transfer answers 201 `processing`/`user` with the
 * right direction, is readable by exactly the keys that may read one of its accounts (the oracle
 * says which), and is listed for both accounts. One transfer of each direction the contract names.
 */
import type { Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import type { Item } from '../../generators/inventory.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import type { Schemas } from '../../openapi/types.ts';
import type { Violation } from '../checks/types.ts';
import type { Sender } from '../transport.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { accountType, dataOf, get, itemsOf, must, post, readersAgree, stateBasis, uniqueAmount } from './steps.ts';

/** A transfer created by `keyId`, then read back by every reader. */
export interface CreateReadback extends Scenario {
  kind: 'create_readback';
  body: Record<string, unknown>;
  readers: string[];
  clause: 'C-STATE-1';
}

function build(ctx: MatrixCtx): CreateReadback[] {
  const b = stateBasis(ctx);
  if (!b?.create || b.src.length < 2) return [];
  const { full, readers, src, create } = b;
  // One transfer of each direction the contract names (C-STATE-1): internal, money_in, money_out.
  const inner = src.filter((a) => a.type !== 'external_account');
  const ext = src.find((a) => a.type === 'external_account');
  const pairs: Array<[Item, Item]> = inner.length >= 2 ? [[inner[0]!, inner[1]!]] : [[src[0]!, src[1]!]];
  if (ext && inner[0]) pairs.push([ext, inner[0]], [inner[0], ext]);
  return pairs.map(([a, c]) => {
    const body = {
      source_account_id: a.id,
      destination_account_id: c.id,
      amount_in_cents: 1234,
      description: 'conformance readback',
    };
    return {
      id: contentId('s', { kind: 'create_readback', key: full.id, body }),
      kind: 'create_readback',
      operationId: create.operationId,
      path: create.path,
      keyId: full.id,
      body,
      readers,
      clause: 'C-STATE-1',
    };
  });
}

async function run(s: CreateReadback, { ctx, send, report }: Steps): Promise<void> {
  const body: Record<string, unknown> = {
    ...s.body,
    amount_in_cents: uniqueAmount(ctx, 20_000, 80_000, s.id.length + Number.parseInt(s.id.slice(2, 6), 16)),
  };
  const req = post(s.path, body);
  const res = await send(req, s.keyId);
  const sender: Sender = { credential: 'key', keyId: s.keyId };
  const data = dataOf<Schemas['Transfer']>(res);
  if (res.status !== 201 || !data || typeof data.id !== 'string') {
    report(
      [must('C-STATE-1', `createTransfer answered ${res.status}, not 201 with a transfer`, 201, res.status)],
      req,
      sender,
    );
    return;
  }
  const src = String(body.source_account_id);
  const dst = String(body.destination_account_id);
  const direction =
    accountType(ctx, src) === 'external_account'
      ? 'money_in'
      : accountType(ctx, dst) === 'external_account'
        ? 'money_out'
        : 'internal';
  const vs: Violation[] = [];
  const expectField = (path: string, v: unknown, ok: boolean, want: unknown) => {
    if (!ok) vs.push(must('C-STATE-1', `created transfer has ${path} ${JSON.stringify(v)}`, want, v ?? null));
  };
  expectField(
    'status',
    data.status,
    data.status === 'processing' || data.status === 'pending_approval',
    'processing|pending_approval',
  );
  expectField('origin', data.origin, data.origin === 'user', 'user');
  expectField('direction', data.direction, data.direction === direction, direction);
  expectField(
    'amount_in_cents',
    data.amount_in_cents,
    data.amount_in_cents === body.amount_in_cents,
    body.amount_in_cents,
  );
  expectField('source.id', data.source?.id, data.source?.id === src, src);
  expectField('destination.id', data.destination?.id, data.destination?.id === dst, dst);
  const schema = ctx.validator.validate('createTransfer', 201, res.json);
  if (schema.errors.length)
    vs.push(
      must(
        'C-BODY-1',
        `201 body does not match its schema: ${schema.errors.join('; ')}`,
        'createTransfer 201 schema',
        schema.errors,
      ),
    );
  if (vs.length) report(vs, req, sender);
  const org = ctx.keys.get(s.keyId)!.org;
  await readersAgree(
    ctx,
    { writeOp: s.operationId, id: data.id, org, links: [src, dst], readers: s.readers, clause: 'C-STATE-1' },
    send,
    report,
  );
  for (const account of [src, dst]) {
    const lreq = get('/transfers', [
      ['account_id', account],
      ['first', '100'],
    ]);
    const lres = await send(lreq, s.keyId);
    if (!itemsOf(lres).some((i) => i.id === data.id))
      report(
        [
          must(
            'C-STATE-1',
            `listTransfers for ${account} does not include the new transfer ${data.id}`,
            data.id,
            itemsOf(lres)
              .slice(0, 5)
              .map((i) => i.id),
          ),
        ],
        lreq,
        sender,
      );
  }
}

export default defineScenarioKind({
  kind: 'create_readback',
  check: {
    id: 'created_transfer_readable',
    clauses: ['C-STATE-1', 'C-PERM-5', 'C-BODY-1'],
    description:
      'A created transfer is 201 processing/user, then readable by exactly the keys that may read it, and listed for both accounts.',
  },
  group: 'state',
  writes: 'acts',
  build,
  resource: (s) => `${String(s.body.source_account_id)} -> ${String(s.body.destination_account_id)}`,
  requests: (s) => 3 + s.readers.length,
  because: () => 'a created transfer is readable by exactly the keys that may read one of its accounts',
  run,
});
