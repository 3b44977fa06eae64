/**
 * The cells of the matrix, one builder per kind of cell: credentials (C-AUTH), permissions and
 * organizations (C-PERM, C-ORG), validation and its accepted boundaries (C-VAL), request IDs
 * (C-REQID) and lists (C-LIST). Each cell gets the oracle's expectation and an id hashed from its
 * content.
 */
import type { Operation } from '../openapi/types.ts';
import type { CredentialKind, Group, RequestSpec, ResourceRef, RuleRef, Variant } from './case-types.ts';
import { contentId } from './ids.ts';
import { fieldAt, type OrgInventory } from './inventory.ts';
import { fullKey, itemsOf, orgOf, type MatrixCtx } from './matrix-context.ts';
import { expectOutcome } from './oracle.ts';
import type { KeySpec } from './profile.ts';
import { acceptedEdges, defectsFor, requestIdVariants } from './request-variants.ts';
import { baseRequest, cellResource, nowhere, resourcesFor } from './resources.ts';

/** One cell to add: where it belongs, who sends what to which resource, and how it departs from a plain request. */
interface CellSpec {
  group: Group;
  op: Operation;
  key: KeySpec | null;
  resource: ResourceRef;
  /** Short label of the resource for reports. */
  label: string;
  variant: Variant;
  /** The variant's stable name (`plain`, `first_0`, `credential bearer`…). */
  name: string;
  request: RequestSpec;
  /** Whose secret travels under another scheme (Bearer, Basic) that must still get 401. */
  sendAs?: string;
}

/** Adds a cell with the oracle's expectation; a cell with the same content is added once. */
function add(ctx: MatrixCtx, spec: CellSpec): void {
  const { group, op, key, resource, label, variant, name: variantName, request, sendAs } = spec;
  const expect = expectOutcome(op, key, resource, variant);
  const keyId = sendAs ?? key?.id ?? null;
  const content = { operationId: op.operationId, keyId, credential: variant.credential, request, variant: variantName };
  const id = contentId('c', content);
  if (ctx.cases.has(id)) return;
  ctx.cases.set(id, {
    id,
    group,
    operationId: op.operationId,
    keyId,
    credential: variant.credential,
    resource: label,
    variant: variantName,
    request,
    expect,
    write: op.method === 'post',
  });
}

/** Cells of one kind for an operation; see the module comment. */
export function permissionCells(ctx: MatrixCtx, op: Operation, key: KeySpec): void {
  for (const r of resourcesFor(ctx, op, key)) {
    const fam: Group = r.label.includes('(org ') ? 'org' : 'permissions';
    add(ctx, {
      group: fam,
      op,
      key,
      resource: r.ref,
      label: r.label,
      variant: { credential: 'key' },
      name: 'plain',
      request: baseRequest(op, r.ref),
    });
    // A non-MANUAL rule refuses manual_execute_amount only after it is found (C-VAL-4): a server lenient about it would
    // start the execution, so unless money may move, it is sent only where the key could not trigger the rule anyway.
    const mayAct = expectOutcome(op, key, r.ref, { credential: 'key' }).status < 300;
    if (
      op.effect?.creates === 'rule_execution' &&
      r.ref.kind === 'id' &&
      r.item &&
      (ctx.opts.mutations === 'all' || !mayAct)
    ) {
      const req = baseRequest(op, r.ref);
      add(ctx, {
        group: fam,
        op,
        key,
        resource: r.ref,
        label: r.label,
        variant: { credential: 'key', manualAmount: true },
        name: 'manual_execute_amount',
        request: { ...req, body: { manual_execute_amount: 500 } },
      });
    }
  }
}

/** Cells of one kind for an operation; see the module comment. */
export function credentialCells(ctx: MatrixCtx, op: Operation): void {
  const key = fullKey(ctx);
  if (!key) {
    ctx.notGenerated.push(`${op.operationId}: authentication cells need a key that sees everything`);
    return;
  }
  const probe = cellResource(ctx, op, key);
  if (!probe) return;
  const req = baseRequest(op, probe.ref);
  const kinds: CredentialKind[] = ['none', 'empty', 'bearer', 'basic', 'unknown', 'suffixed', 'truncated'];
  const carriesSecret = new Set<CredentialKind>(['bearer', 'basic', 'suffixed', 'truncated']);
  for (const c of kinds)
    add(ctx, {
      group: 'authn',
      op,
      key: null,
      resource: probe.ref,
      label: probe.label,
      variant: { credential: c },
      name: `credential ${c}`,
      request: req,
      ...(carriesSecret.has(c) ? { sendAs: key.id } : {}),
    });
  // C-AUTH-3: a revoked key is refused before anything else, also where it would be forbidden or the request is malformed.
  const elsewhere = op.method === 'get' ? resourcesFor(ctx, op, key).find((r) => r.label.includes('(org ')) : undefined;
  const malformed = defectsFor(op)[0];
  for (const k of ctx.keys.filter((x) => x.revoked)) {
    add(ctx, {
      group: 'authn',
      op,
      key: k,
      resource: probe.ref,
      label: probe.label,
      variant: { credential: 'key' },
      name: 'revoked key',
      request: req,
    });
    if (elsewhere)
      add(ctx, {
        group: 'authn',
        op,
        key: k,
        resource: elsewhere.ref,
        label: elsewhere.label,
        variant: { credential: 'key' },
        name: 'revoked key on another organization',
        request: baseRequest(op, elsewhere.ref),
      });
    if (malformed)
      add(ctx, {
        group: 'authn',
        op,
        key: k,
        resource: probe.ref,
        label: probe.label,
        variant: { credential: 'key', defect: malformed.defect },
        name: `revoked key + ${malformed.defect.name}`,
        request: malformed.apply(req),
      });
  }
  if (expectOutcome(op, key, probe.ref, { credential: 'key' }).status < 300 && !op.effect)
    add(ctx, {
      group: 'authn',
      op,
      key,
      resource: probe.ref,
      label: probe.label,
      variant: { credential: 'lowercase' },
      name: 'lowercase scheme',
      request: req,
    });
  // C-AUTH-3: authentication wins over a malformed request.
  const d = defectsFor(op)[0];
  if (d)
    add(ctx, {
      group: 'authn',
      op,
      key: null,
      resource: probe.ref,
      label: probe.label,
      variant: { credential: 'none', defect: d.defect },
      name: `credential none + ${d.defect.name}`,
      request: d.apply(req),
    });
}

/** Cells of one kind for an operation; see the module comment. */
export function validationCells(ctx: MatrixCtx, op: Operation, key: KeySpec): void {
  const defects = defectsFor(op);
  const edges = acceptedEdges(op);
  if (!defects.length && !edges.length) return;
  const resources = resourcesFor(ctx, op, key);
  // A malformed write the key could otherwise carry out is sent, unless money may move, where nothing exists (see cellResource).
  const allowed =
    op.method === 'post' && ctx.opts.mutations !== 'all'
      ? cellResource(ctx, op, key)
      : resources.find((r) => expectOutcome(op, key, r.ref, { credential: 'key' }).status < 300);
  // Refused whatever the body says: a defect that rewrites the amount cannot turn it into a transfer the key may make.
  const status = (ref: ResourceRef) => expectOutcome(op, key, ref, { credential: 'key' }).status;
  const denied = resources.find(
    (r) => status(r.ref) === 403 && (r.ref.kind !== 'pair' || status({ ...r.ref, amount: 1 }) === 403),
  );
  for (const r of [allowed, denied]) {
    if (!r) continue;
    const req = baseRequest(op, r.ref);
    for (const d of defects) {
      const request = d.apply(req);
      if (ctx.opts.mutations !== 'all' && actsIfLenient(ctx, op, key, request)) continue;
      add(ctx, {
        group: 'validation',
        op,
        key,
        resource: r.ref,
        label: r.label,
        variant: { credential: 'key', defect: d.defect },
        name: d.defect.name,
        request,
      });
    }
  }
  if (allowed && !nowhere(allowed.ref)) {
    const req = baseRequest(op, allowed.ref);
    for (const e of edges)
      add(ctx, {
        group: 'validation',
        op,
        key,
        resource: allowed.ref,
        label: allowed.label,
        variant: { credential: 'key', edge: { name: e.name, clause: e.clause } },
        name: e.name,
        request: e.apply(req),
      });
  }
}

/** Cells of one kind for an operation; see the module comment. */
export function requestIdCells(ctx: MatrixCtx, op: Operation): void {
  const key = fullKey(ctx);
  if (!key) return;
  const probe = cellResource(ctx, op, key);
  if (!probe) return;
  const base = baseRequest(op, probe.ref);
  const variants = requestIdVariants(ctx.opts.seed);
  const withId = (r: RequestSpec, v: string): RequestSpec => ({ ...r, headers: { ...r.headers, 'X-Request-ID': v } });
  const ok = !op.effect;
  for (const v of variants) {
    if (ok)
      add(ctx, {
        group: 'request_id',
        op,
        key,
        resource: probe.ref,
        label: probe.label,
        variant: { credential: 'key', requestId: v.value },
        name: `x-request-id ${v.name}`,
        request: withId(base, v.value),
      });
    // C-REQID-1: errors echo it too.
    if (v.name === 'typical' || v.name === 'punctuation' || v.invalid)
      add(ctx, {
        group: 'request_id',
        op,
        key: null,
        resource: probe.ref,
        label: probe.label,
        variant: { credential: 'none', requestId: v.value },
        name: `x-request-id ${v.name} on 401`,
        request: withId(base, v.value),
      });
  }
  // C-REQID-1 on a 400 and on a 404 too.
  const d = defectsFor(op)[0];
  if (d)
    add(ctx, {
      group: 'request_id',
      op,
      key,
      resource: probe.ref,
      label: probe.label,
      variant: { credential: 'key', defect: d.defect, requestId: 'conformance-400' },
      name: `x-request-id typical on 400 (${d.defect.name})`,
      request: withId(d.apply(base), 'conformance-400'),
    });
  const missing = resourcesFor(ctx, op, key).find((r) => r.label === 'missing id');
  if (missing)
    add(ctx, {
      group: 'request_id',
      op,
      key,
      resource: missing.ref,
      label: missing.label,
      variant: { credential: 'key', requestId: 'conformance-404' },
      name: 'x-request-id typical on 404',
      request: withId(baseRequest(op, missing.ref), 'conformance-404'),
    });
  const nokey = ctx.keys.find(
    (k) => !k.revoked && !k.permissions.some((p) => p.scope === op.permission.scope) && orgOf(ctx, k.org),
  );
  if (nokey)
    add(ctx, {
      group: 'request_id',
      op,
      key: nokey,
      resource: probe.ref,
      label: probe.label,
      variant: { credential: 'key', requestId: 'conformance-403' },
      name: 'x-request-id typical on 403',
      request: withId(base, 'conformance-403'),
    });
}

/** Cells of one kind for an operation; see the module comment. */
export function listCells(ctx: MatrixCtx, op: Operation): void {
  const xl = op.list;
  if (!xl) return;
  for (const o of ctx.inv.orgs) {
    const key = ctx.keys.find((k) => k.id === o.keyId);
    if (!key) continue;
    const ms = xl.membership;
    const values: Array<{ ref: ResourceRef; label: string; value: string | null }> = [];
    if (!ms) values.push({ ref: { kind: 'none' }, label: '-', value: null });
    else
      for (const r of resourcesFor(ctx, op, key).filter(
        (x) =>
          (x.ref.kind === 'id' || x.ref.kind === 'object') &&
          expectOutcome(op, key, x.ref, { credential: 'key' }).status === 200,
      ))
        values.push({
          ref: r.ref,
          label: r.label,
          value: r.ref.kind === 'id' ? r.ref.ref.id : r.ref.kind === 'object' ? r.ref.id : null,
        });
    for (const v of values.slice(0, 6)) {
      const base = baseRequest(op, v.ref);
      const roles = ms?.role ? Object.keys(ms.role.fields) : [null];
      for (const role of roles) {
        const withRole: RequestSpec =
          role && ms?.role ? { ...base, query: [...base.query, [ms.role.param, role]] } : base;
        add(ctx, {
          group: 'lists',
          op,
          key,
          resource: v.ref,
          label: v.label,
          variant: { credential: 'key' },
          name: `list${role ? ` role=${role}` : ''}`,
          request: withRole,
        });
        if (role && role !== (ms?.role?.default ?? '')) continue;
        for (const f of xl.filters) {
          const p = op.parameters.find((x) => x.name === f.param);
          const vals = filterValues(ctx, o, op, f.field, (p?.schema ?? {}) as { enum?: unknown[]; format?: string });
          for (const val of vals) {
            const req: RequestSpec = { ...withRole, query: [...withRole.query, [f.param, val]] };
            add(ctx, {
              group: 'lists',
              op,
              key,
              resource: v.ref,
              label: v.label,
              variant: { credential: 'key' },
              name: `filter ${f.param}=${val}`,
              request: req,
            });
          }
        }
      }
    }
  }
}

/** Values to send for one filter: every enum value, a boundary date, or values the list's own items hold plus one none holds. */
function filterValues(
  ctx: MatrixCtx,
  o: OrgInventory,
  op: Operation,
  field: string,
  schema: { enum?: unknown[]; format?: string },
): string[] {
  if (Array.isArray(schema.enum)) return schema.enum.map(String);
  const items = itemsOf(ctx, o, op);
  if (schema.format === 'date-time') {
    const times = items
      .map((i) => i.created_at)
      .filter((t): t is string => typeof t === 'string')
      .sort();
    const mid = times[Math.floor(times.length / 2)];
    return mid ? [mid] : [];
  }
  const held = [
    ...new Set(items.map((i) => fieldAt(i, field)).filter((v): v is string => typeof v === 'string')),
  ].slice(0, 2);
  return [...held, 'seqconform-no-such-value'];
}

/**
 * Whether a malformed write would be carried out by a server that overlooked the defect: what the
 * oracle says of the request's own resource (the pair and amount of its body, or the rule of its
 * path) for its key. Such a write is never sent unless money may move.
 */
function actsIfLenient(ctx: MatrixCtx, op: Operation, key: KeySpec, request: RequestSpec): boolean {
  const loc = op.permission.locator;
  let ref: ResourceRef | undefined;
  if (loc?.in === 'body') {
    const b = (request.body ?? {}) as Record<string, unknown>;
    const id = (v: unknown) => ({ id: String(v), org: typeof v === 'string' ? (ctx.inv.owners[v] ?? null) : null });
    const amount = typeof b[loc.amount] === 'number' ? (b[loc.amount] as number) : Number(b[loc.amount]) || 1;
    ref = { kind: 'pair', source: id(b[loc.source]), target: id(b[loc.target]), amount };
  } else if (loc?.in === 'path') {
    const raw = request.path.split('/')[op.path.split('/').indexOf(`{${loc.name}}`)] ?? '';
    const rid = decodeURIComponent(raw);
    const rule = ctx.inv.orgs.flatMap((o) => o.rules).find((r) => r.id === rid);
    ref = {
      kind: 'id',
      ref: {
        id: rid,
        org: ctx.inv.owners[rid] ?? null,
        ...(rule
          ? { status: rule.status as RuleRef['status'], trigger_type: rule.trigger_type as RuleRef['trigger_type'] }
          : {}),
      },
    };
  }
  return ref !== undefined && expectOutcome(op, key, ref, { credential: 'key' }).status < 300;
}
