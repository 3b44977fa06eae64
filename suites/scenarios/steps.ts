/**
 * What the scenario kinds share: building requests, reading bodies, and the read-back every write
 * scenario does (each reader gets what the oracle says). Nothing here decides allow or deny.
 */
import type { RequestSpec, ResourceRef } from '../../generators/case-types.ts';
import type { Item } from '../../generators/inventory.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { orgOf } from '../../generators/matrix-context.ts';
import { expectOutcome } from '../../generators/oracle.ts';
import type { KeySpec } from '../../generators/profile.ts';
import type { ClauseId } from '../../openapi/clauses.ts';
import type { Operation, OperationId } from '../../openapi/types.ts';
import type { Violation } from '../checks/types.ts';
import type { EngineContext } from '../engine-context.ts';
import type { HttpResponse } from '../transport.ts';
import type { Report, Send } from './kind.ts';

/** A MUST violation. */
export const must = (clause: ClauseId, message: string, expected: unknown, actual: unknown): Violation => ({
  clause,
  level: 'must',
  message,
  expected,
  actual,
});

/** A SHOULD deviation: a warning. */
export const should = (clause: ClauseId, message: string, expected: unknown, actual: unknown): Violation => ({
  clause,
  level: 'should',
  message,
  expected,
  actual,
});

/** A GET request. */
export const get = (path: string, query: Array<[string, string]> = []): RequestSpec => ({
  method: 'GET',
  path,
  query,
  headers: {},
});

/** A POST request with a JSON body. */
export const post = (path: string, body: unknown): RequestSpec => ({
  method: 'POST',
  path,
  query: [],
  headers: {},
  body,
});

/** True for a JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The `data` object of a body, if it is one, typed as the contract's schema `T` says it is
 * (fields may still be missing or wrong: the checks judge them): reading a field the schema does
 * not have, or no longer has, does not compile.
 */
export function dataOf<T extends object = Record<string, unknown>>(res: HttpResponse): Partial<T> | undefined {
  const d = isObject(res.json) ? res.json.data : undefined;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Partial<T>) : undefined;
}

/** The objects of a list body's `data`. */
export function itemsOf(res: HttpResponse): Item[] {
  const d = isObject(res.json) ? res.json.data : undefined;
  return Array.isArray(d) ? (d.filter(isObject) as Item[]) : [];
}

/** The type of a discovered account. */
export function accountType(ctx: EngineContext, id: string): string | undefined {
  for (const o of ctx.inventory.orgs) {
    const a = o.accounts.find((x) => x.id === id);
    if (a) return String(a.type);
  }
  return undefined;
}

/** Every reader reads the created object back (the write's `x-effect.readback`) and gets what the oracle says (C-STATE-1/2). */
/** Every reader reads the created object back (the write's `x-effect.readback`) and gets what the oracle says (C-STATE-1/2). */
export async function readersAgree(
  ctx: EngineContext,
  a: { writeOp: OperationId; id: string; org: string; links: string[]; readers: string[]; clause: ClauseId },
  send: Send,
  report: Report,
): Promise<void> {
  const { writeOp, id, org, links, readers, clause } = a;
  const readbackId = ctx.contract.byId.get(writeOp)!.effect!.readback;
  const op = ctx.contract.byId.get(readbackId)!;
  const path = readbackPath(ctx, writeOp, id);
  const ref: ResourceRef = { kind: 'object', id, org, links };
  for (const keyId of readers) {
    const key = ctx.keys.get(keyId);
    if (!key) continue;
    const want = expectOutcome(op, key, ref, { credential: 'key' });
    const req = get(path);
    const res = await send(req, keyId);
    // A refusal that should have come cites the refusal's clause; a read that should have worked, the state clause.
    if (res.status !== want.status)
      report(
        [
          must(
            want.status >= 400 ? want.clause : clause,
            `key ${keyId} reading ${path}: expected ${want.status} because ${want.because}; got ${res.status}`,
            want.status,
            res.status,
          ),
        ],
        req,
        { credential: 'key', keyId },
      );
  }
}

/** The path that reads back what `writeOp` created, from its `x-effect.readback` operation. */
export function readbackPath(ctx: EngineContext, writeOp: OperationId, id: string): string {
  const read = ctx.contract.byId.get(ctx.contract.byId.get(writeOp)!.effect!.readback)!;
  const loc = read.permission.locator;
  const param = loc?.in === 'object' || loc?.in === 'path' ? (loc.in === 'object' ? loc.param : loc.name) : 'id';
  return read.path.replace(`{${param}}`, encodeURIComponent(id));
}

/** The same JSON with its keys in reverse order and other white space (C-STATE-4 compares as JSON). */
export function reshuffled(body: Record<string, unknown>): string {
  const rev = Object.fromEntries(Object.entries(body).reverse());
  return JSON.stringify(rev, null, 1);
}

/** Amounts from a range no other write of the matrix uses, so a transfer can be told apart by its amount. */
export function uniqueAmount(ctx: EngineContext, lo: number, span: number, salt: number): number {
  return lo + ((Number.parseInt(ctx.runNonce.slice(0, 8), 16) + salt) % span);
}

/** Data without fields that may change between two reads of the same object. */
export function stable(d: Record<string, unknown> | undefined): unknown {
  if (!d) return d;
  const { status: _s, updated_at: _u, ...rest } = d;
  return rest;
}

/** What the write scenarios start from: the first organization, its discovery key, every live key that may read, and accounts that can be both source and destination. */
export function stateBasis(ctx: MatrixCtx):
  | {
      main: NonNullable<ReturnType<typeof orgOf>>;
      full: KeySpec;
      readers: string[];
      src: Item[];
      create?: Operation;
      trigger?: Operation;
    }
  | undefined {
  const main = ctx.inv.orgs[0];
  if (!main) return undefined;
  const full = ctx.keys.find((k) => k.id === main.keyId);
  if (!full) return undefined;
  const readers = ctx.keys.filter((k) => !k.revoked && orgOf(ctx, k.org)).map((k) => k.id);
  const src = main.accounts.filter((a) => a.can_be_source === true && a.can_be_destination === true);
  const create = ctx.contract.operations.find((o) => o.effect?.creates === 'transfer');
  const trigger = ctx.contract.operations.find((o) => o.effect?.creates === 'rule_execution');
  return { main, full, readers, src, ...(create ? { create } : {}), ...(trigger ? { trigger } : {}) };
}

/**
 * A transfer the organization's key that sees everything may make between its first two accounts
 * that can be both ends (`reverse`: from the second to the first), for amounts up to `upTo`: the
 * basis and the pair, or undefined when the inventory has none or the oracle would refuse it.
 */
export function allowedTransfer(
  ctx: MatrixCtx,
  upTo: number,
  reverse = false,
): { b: NonNullable<ReturnType<typeof stateBasis>>; create: Operation; source: Item; destination: Item } | undefined {
  const b = stateBasis(ctx);
  if (!b?.create || b.src.length < 2) return undefined;
  const [source, destination] = reverse ? [b.src[1]!, b.src[0]!] : [b.src[0]!, b.src[1]!];
  const ref: ResourceRef = {
    kind: 'pair',
    source: { id: source.id, org: b.main.org },
    target: { id: destination.id, org: b.main.org },
    amount: upTo,
  };
  return statusFor(b.create, b.full, ref) === 201 ? { b, create: b.create, source, destination } : undefined;
}

/** The oracle's verdict on a plain request of `op` by `key` on `ref`. */
export function statusFor(op: Operation, key: KeySpec, ref: ResourceRef): number {
  return expectOutcome(op, key, ref, { credential: 'key' }).status;
}

/** The enabled rules of an organization, MANUAL ones first (only there does manual_execute_amount pass validation, C-VAL-4). */
export function enabledRules(o: { rules: Item[] }): Item[] {
  return o.rules
    .filter((r) => r.status === 'enabled')
    .sort((a, b) => Number(b.trigger_type === 'MANUAL') - Number(a.trigger_type === 'MANUAL'));
}
