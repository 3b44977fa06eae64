/**
 * The resources a cell addresses: every object of the key's organization it can and cannot
 * reach, samples of another organization's, and IDs no server holds (missing, wrong shape, near
 * misses); the transfer pairs and amounts around a key's MANUAL_TRANSFER entries; and the plain
 * request that addresses a resource.
 */
import fc from 'fast-check';
import type { ObjectLocator, Operation, ParamLocator } from '../openapi/types.ts';
import type { RequestSpec, ResourceRef, RuleRef } from './case-types.ts';
import { missingId, WRONG_SHAPE_ID } from './ids.ts';
import { fieldAt, type Item } from './inventory.ts';
import { KIND_LISTS, orgOf, ownerOf, type MatrixCtx } from './matrix-context.ts';
import { expectOutcome } from './oracle.ts';
import type { KeySpec, TransferPair } from './profile.ts';

/** Resources of one kind an operation can address for `key`, with labels. */
export function resourcesFor(
  ctx: MatrixCtx,
  op: Operation,
  key: KeySpec,
): Array<{ ref: ResourceRef; label: string; item?: Item }> {
  const perm = op.permission;
  const mine = orgOf(ctx, key.org)!;
  const foreign = ctx.inv.orgs.filter((o) => o.org !== key.org);
  if (perm.addressing === 'none') return [{ ref: { kind: 'none' }, label: '-' }];
  if (perm.addressing === 'request' && perm.resource !== 'account_pair') {
    const kind = perm.resource as 'account' | 'rule';
    const list = KIND_LISTS[kind]!;
    const prefix = ctx.contract.resourceKinds[kind].prefix;
    const idRef = (item: Item | null, id: string): RuleRef => ({
      id,
      org: ownerOf(ctx, id),
      ...(item && kind === 'rule'
        ? { status: item.status as RuleRef['status'], trigger_type: item.trigger_type as RuleRef['trigger_type'] }
        : {}),
    });
    const out: Array<{ ref: ResourceRef; label: string; item?: Item }> = mine[list].map((item) => ({
      ref: { kind: 'id', ref: idRef(item, item.id) },
      label: item.id,
      item,
    }));
    for (const o of foreign)
      for (const item of o[list].slice(0, ctx.opts.foreignSamples))
        out.push({ ref: { kind: 'id', ref: idRef(item, item.id) }, label: `${item.id} (org ${o.org})`, item });
    out.push({ ref: { kind: 'id', ref: { id: missingId(prefix), org: null } }, label: 'missing id' });
    out.push({
      ref: { kind: 'id', ref: { id: WRONG_SHAPE_ID, org: null, wrongShape: true } },
      label: 'wrong-shape id',
    });
    // Near misses of real IDs: an ID is matched whole, never by prefix or with padding trimmed.
    const first = mine[list][0];
    if (first)
      out.push({ ref: { kind: 'id', ref: { id: `${first.id} `, org: null } }, label: 'real id + trailing space' });
    out.push({
      ref: { kind: 'id', ref: { id: `${prefix}${'9'.repeat(400)}`, org: null } },
      label: 'a 400-character id',
    });
    const listed = key.permissions
      .filter((p) => p.scope === perm.scope)
      .flatMap((p) => (p.resources ?? []) as string[])
      .find((id) => id !== '*' && ownerOf(ctx, id) === key.org);
    if (listed)
      out.push({ ref: { kind: 'id', ref: { id: `${listed}0`, org: null } }, label: 'listed id + one character' });
    return out;
  }
  if (perm.addressing === 'object') {
    const loc = perm.locator as ObjectLocator;
    const list = KIND_LISTS[loc.object]!;
    const prefix = ctx.contract.resourceKinds[loc.object].prefix;
    const objRef = (item: Item): ResourceRef => ({
      kind: 'object',
      id: item.id,
      org: ownerOf(ctx, item.id),
      links: loc.fields.map((f) => String(fieldAt(item, f))),
    });
    const out: Array<{ ref: ResourceRef; label: string; item?: Item }> = mine[list].map((item) => ({
      ref: objRef(item),
      label: item.id,
      item,
    }));
    for (const o of foreign)
      for (const item of o[list].slice(0, ctx.opts.foreignSamples))
        out.push({ ref: objRef(item), label: `${item.id} (org ${o.org})`, item });
    out.push({ ref: { kind: 'object', id: missingId(prefix), org: null, links: [] }, label: 'missing id' });
    out.push({
      ref: { kind: 'object', id: WRONG_SHAPE_ID, org: null, links: [], wrongShape: true },
      label: 'wrong-shape id',
    });
    const first = mine[list][0];
    if (first)
      out.push({
        ref: { kind: 'object', id: `${first.id} `, org: null, links: [] },
        label: 'real id + trailing space',
      });
    out.push({
      ref: { kind: 'object', id: `${prefix}${'9'.repeat(400)}`, org: null, links: [] },
      label: 'a 400-character id',
    });
    return out;
  }
  return pairsFor(ctx, key).map((p) => ({ ref: p.ref, label: p.label }));
}

/** Transfer pairs and amounts probing a key's MANUAL_TRANSFER entries (C-PERM-6). */
export function pairsFor(ctx: MatrixCtx, key: KeySpec): Array<{ ref: ResourceRef & { kind: 'pair' }; label: string }> {
  const mine = orgOf(ctx, key.org)!;
  const src = mine.accounts.filter((a) => a.can_be_source === true && a.can_be_destination === true);
  if (src.length < 2) {
    ctx.notGenerated.push(
      `createTransfer for ${key.id}: organization ${key.org} has fewer than two accounts that can be both source and destination`,
    );
    return [];
  }
  const ref = (s: string, t: string, amount: number) => ({
    kind: 'pair' as const,
    source: { id: s, org: ownerOf(ctx, s) },
    target: { id: t, org: ownerOf(ctx, t) },
    amount,
  });
  const out: Array<{ ref: ResourceRef & { kind: 'pair' }; label: string }> = [];
  const push = (s: string, t: string, amount: number, why: string) => {
    if (s === t || amount < 1) return;
    out.push({ ref: ref(s, t, amount), label: `${s} -> ${t} ${amount}c (${why})` });
  };
  const pairs = key.permissions
    .filter((p) => p.scope === 'MANUAL_TRANSFER')
    .flatMap((p) => (p.resources ?? []) as TransferPair[]);
  const concrete = (id: string, avoid: string) =>
    id === '*' ? (src.find((a) => a.id !== avoid)?.id ?? src[0]!.id) : id;
  for (const p of pairs) {
    const s = concrete(p.source, p.target);
    const t = concrete(p.target, s);
    if (p.max_amount !== undefined) {
      const m = p.max_amount;
      push(s, t, m, 'at max_amount');
      push(s, t, m + 1, 'max_amount + 1');
      push(s, t, m - 1, 'max_amount - 1');
      for (const a of fc.sample(fc.integer({ min: 1, max: Math.max(2, m * 2) }), {
        seed: ctx.opts.seed ^ m,
        numRuns: 2,
      }))
        push(s, t, a, 'sampled');
    } else push(s, t, 1000, 'no max_amount');
    push(s, t, 1, 'one cent');
    push(t, s, 100, 'reversed');
    if (p.source === '*') push(src.find((a) => a.id !== s && a.id !== t)?.id ?? s, t, 100, 'other source under *');
    if (p.target === '*') push(s, src.find((a) => a.id !== s && a.id !== t)?.id ?? t, 100, 'other target under *');
  }
  push(src[0]!.id, src[1]!.id, 100, 'plain pair');
  push(src[1]!.id, src[0]!.id, 100, 'plain pair reversed');
  const foreign = ctx.inv.orgs.find((o) => o.org !== key.org)?.accounts.find((a) => a.can_be_source === true);
  if (foreign) {
    push(src[0]!.id, foreign.id, 100, 'destination in another org');
    push(foreign.id, src[0]!.id, 100, 'source in another org');
  }
  push(src[0]!.id, missingId('acc_'), 100, 'missing destination');
  push(missingId('acc_'), src[0]!.id, 100, 'missing source');
  return out;
}

/** The request for `op` on a resource, before any defect. */
export function baseRequest(op: Operation, ref: ResourceRef): RequestSpec {
  const perm = op.permission;
  let path = op.path;
  const query: Array<[string, string]> = [];
  let body: unknown;
  if (ref.kind === 'id') {
    const loc = perm.locator as ParamLocator;
    if (loc.in === 'path') path = path.replace(`{${loc.name}}`, encodeURIComponent(ref.ref.id));
    else query.push([loc.name, ref.ref.id]);
  } else if (ref.kind === 'object') {
    path = path.replace(`{${(perm.locator as ObjectLocator).param}}`, encodeURIComponent(ref.id));
  } else if (ref.kind === 'pair') {
    body = {
      source_account_id: ref.source.id,
      destination_account_id: ref.target.id,
      amount_in_cents: ref.amount,
      description: 'conformance',
    };
  }
  if (op.effect?.creates === 'rule_execution') body = {};
  return {
    method: op.method.toUpperCase() as 'GET' | 'POST',
    path,
    query,
    headers: {},
    ...(body !== undefined ? { body } : {}),
  };
}

/** A reachable resource of `op` for the discovery key of `org`, to build well-formed requests. */
export function probeResource(
  ctx: MatrixCtx,
  op: Operation,
  key: KeySpec,
): { ref: ResourceRef; label: string } | undefined {
  const all = resourcesFor(ctx, op, key);
  return all.find((r) => expectOutcome(op, key, r.ref, { credential: 'key' }).status < 300) ?? all[0];
}

/** True when a resource reference names objects that exist nowhere (a missing ID, a pair with a missing account). */
export function nowhere(ref: ResourceRef): boolean {
  if (ref.kind === 'id') return ref.ref.org === null && !ref.ref.wrongShape;
  if (ref.kind === 'object') return ref.org === null && !ref.wrongShape;
  if (ref.kind === 'pair') return ref.source.org === null || ref.target.org === null;
  return false;
}

/**
 * The resource the credential, request-ID and validation cells of `op` address. For a write under
 * a mutations policy other than `all`, one that exists nowhere: a server lenient about a scheme,
 * a secret or a body (the very faults these cells look for) still cannot act on it, and its wrong
 * answer still shows.
 */
export function cellResource(
  ctx: MatrixCtx,
  op: Operation,
  key: KeySpec,
): { ref: ResourceRef; label: string } | undefined {
  if (op.method !== 'post' || ctx.opts.mutations === 'all') return probeResource(ctx, op, key);
  // A missing source first: defects that copy or drop a field of the pair still leave nothing to move money from.
  const all = resourcesFor(ctx, op, key);
  return all.find((r) => r.ref.kind === 'pair' && r.ref.source.org === null) ?? all.find((r) => nowhere(r.ref));
}
