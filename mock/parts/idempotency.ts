/**
 * `idempotency` part (C-STATE-4): per API key and `Idempotency-Key`, a 2xx answer is remembered
 * for 24 hours with the path and the body compared as JSON (key order and white space do not
 * matter). A repeat answers the same status and `data`; the same key with another path or body
 * is 409 `idempotency_conflict`. Looked up only after every other check passed.
 */
import { fail, type Ctx, type Fail } from '../types.ts';

/** What a lookup found. */
export type IdempotencyHit = { kind: 'miss' } | { kind: 'replay'; status: number; data: unknown } | Fail;

/** Lookup and record. */
export interface Idempotency {
  check(ctx: Ctx, body: unknown): IdempotencyHit;
  remember(ctx: Ctx, body: unknown, status: number, data: unknown): void;
}

/** Window of C-STATE-4. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    return `{${keys
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function canonical(body: unknown, raw: string | undefined): string {
  try {
    return canonicalJson(body);
  } catch {
    // Absurdly deep JSON overflows the stack; the raw text is still a stable comparison key.
    return `raw:${raw ?? ''}`;
  }
}

function storeKey(ctx: Ctx): string | undefined {
  return ctx.idempotencyKey === undefined ? undefined : `${ctx.key.id}\u0000${ctx.idempotencyKey}`;
}

/** Default idempotency. */
export const idempotency: Idempotency = {
  check(ctx, body) {
    const k = storeKey(ctx);
    if (k === undefined) return { kind: 'miss' };
    const rec = ctx.store.idempotency.get(k);
    if (!rec || rec.expiresMs <= ctx.now) return { kind: 'miss' };
    if (rec.path !== ctx.path || rec.body !== canonical(body, ctx.body))
      return fail('idempotency_conflict', 'This Idempotency-Key was used with a different request.');
    return { kind: 'replay', status: rec.status, data: rec.data };
  },
  remember(ctx, body, status, data) {
    const k = storeKey(ctx);
    if (k === undefined || status < 200 || status > 299) return;
    ctx.store.idempotency.set(k, {
      path: ctx.path,
      body: canonical(body, ctx.body),
      status,
      data,
      expiresMs: ctx.now + IDEMPOTENCY_TTL_MS,
    });
  },
};
