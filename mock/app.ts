/**
 * The mock's kernel, assembled from named parts. `createApp(overrides)` takes the default
 * {@link MockParts} and replaces any of them, so a mutant is one replaced part. The kernel
 * does only what no part should vary: request ID resolution, routing, 404/405/413/429, then
 * authentication (401) and the scope check (403) before anything else (C-AUTH-3, C-PERM-3),
 * then hands the request to its resource router and writes the answer. Every response is
 * JSON with an `X-Request-ID` header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createAdmin, handleAdmin, type AdminApi } from './admin.ts';
import { headerValue, parseQuery, readBody } from './http-util.ts';
import { defaultKeys, type KeySpec } from './keys.ts';
import { auth, type AuthPart } from './parts/auth.ts';
import { clock, type Clock } from './parts/clock.ts';
import { effects, type Effects } from './parts/effects.ts';
import { errorMapper, type ErrorMapper } from './parts/error-mapper.ts';
import { filters, type Filters } from './parts/filters.ts';
import { idempotency, type Idempotency } from './parts/idempotency.ts';
import { ids, type IdsPart } from './parts/ids.ts';
import { lookup, type Lookup } from './parts/lookup.ts';
import { objectGuard, type ObjectGuard } from './parts/object-guard.ts';
import { paginate, type Paginate } from './parts/paginate.ts';
import { requestId, type RequestIdPart } from './parts/request-id.ts';
import { resourceGuard, type ResourceGuard } from './parts/resource-guard.ts';
import { ruleGate, type RuleGate } from './parts/rule-gate.ts';
import { scopeGuard, type ScopeGuard } from './parts/scope-guard.ts';
import { serialize, type Serialize } from './parts/serialize.ts';
import { transferGuard, type TransferGuard } from './parts/transfer-guard.ts';
import { validators, type Validators } from './parts/validators.ts';
import { ROUTER_OF, routers, type Routers } from './routes/index.ts';
import type { Handler } from './routes/types.ts';
import { generateSeed, type SeedData } from './seed.ts';
import { Store, type StoreConfig } from './store.ts';
import { fail, type Ctx, type Fail, type OperationId, type Outcome } from './types.ts';

/** Builds the store from seed data, keys, timing and the run-time ID generator. */
export type StoreFactory = (
  data: SeedData,
  keys: KeySpec[],
  config: StoreConfig,
  newId: (prefix: string) => string,
) => Store;

/** The named parts the mock is made of; see docs/mock.md for what each does. */
export interface MockParts {
  requestId: RequestIdPart;
  auth: AuthPart;
  scopeGuard: ScopeGuard;
  validators: Validators;
  resourceGuard: ResourceGuard;
  lookup: Lookup;
  objectGuard: ObjectGuard;
  transferGuard: TransferGuard;
  ruleGate: RuleGate;
  filters: Filters;
  paginate: Paginate;
  idempotency: Idempotency;
  effects: Effects;
  serialize: Serialize;
  errorMapper: ErrorMapper;
  ids: IdsPart;
  clock: Clock;
  routers: Routers;
  store: StoreFactory;
}

const store: StoreFactory = (data, keys, config, newId) => new Store(data, keys, config, newId);

/** The default parts: the reference behaviour. */
export const DEFAULT_PARTS: Readonly<MockParts> = Object.freeze({
  requestId,
  auth,
  scopeGuard,
  validators,
  resourceGuard,
  lookup,
  objectGuard,
  transferGuard,
  ruleGate,
  filters,
  paginate,
  idempotency,
  effects,
  serialize,
  errorMapper,
  ids,
  clock,
  routers,
  store,
});

/** Every part name, for mutant tooling. */
export const PART_NAMES: readonly (keyof MockParts)[] = Object.freeze(
  Object.keys(DEFAULT_PARTS) as (keyof MockParts)[],
);

/** Options of {@link createApp}. */
export interface AppOptions {
  seed?: number;
  scale?: number;
  transferDelayMs?: number;
  executionDelayMs?: number;
  /** Delay every response by this many ms. */
  latencyMs?: number;
  /** Answer every Nth API request with 429 (C-RATE-1); 0 or undefined: never. */
  rateLimitEvery?: number;
  /** Token for `/__admin`; generated when absent. */
  adminToken?: string;
  /** Keys instead of the default key set. */
  keys?: KeySpec[];
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
}

/** An assembled mock, not yet listening. */
export interface App {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  parts: MockParts;
  store: Store;
  seedData: SeedData;
  /** The keys the store started with (secrets included). */
  initialKeys: KeySpec[];
  adminToken: string;
  admin: AdminApi;
  /** Cancels pending delayed responses. */
  dispose(): void;
}

/** Base path of the API (C-BASE-1). */
export const API_BASE = '/api/v1';
/** Prefix of the admin API. */
export const ADMIN_BASE = '/__admin';

interface Route {
  get?: OperationId;
  post?: OperationId;
  allow: string;
  id?: string;
}

function decodeId(raw: string): string {
  if (raw.indexOf('%') < 0) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Maps a path below the base URL to its operations. */
export function matchRoute(sub: string): Route | undefined {
  const s = sub.split('/');
  if (s[0] !== '' || s.length < 2 || s.length > 4) return undefined;
  const [, resource, rawId, tail] = s as [string, string, string | undefined, string | undefined];
  if (rawId === '') return undefined;
  const id = rawId === undefined ? undefined : decodeId(rawId);
  if (s.length === 2) {
    switch (resource) {
      case 'accounts':
        return { get: 'listAccounts', allow: 'GET' };
      case 'rules':
        return { get: 'listRules', allow: 'GET' };
      case 'rule-executions':
        return { get: 'listRuleExecutions', allow: 'GET' };
      case 'transfers':
        return { get: 'listTransfers', post: 'createTransfer', allow: 'GET, POST' };
      case 'cards':
        return { get: 'listCards', allow: 'GET' };
      default:
        return undefined;
    }
  }
  if (s.length === 3) {
    switch (resource) {
      case 'accounts':
        return { get: 'getAccount', allow: 'GET', id };
      case 'rules':
        return { get: 'getRule', allow: 'GET', id };
      case 'rule-executions':
        return { get: 'getRuleExecution', allow: 'GET', id };
      case 'transfers':
        return { get: 'getTransfer', allow: 'GET', id };
      case 'cards':
        return { get: 'getCard', allow: 'GET', id };
      default:
        return undefined;
    }
  }
  if (resource === 'rules' && tail === 'trigger') return { post: 'triggerRule', allow: 'POST', id };
  if (resource === 'cards' && tail === 'transactions') return { get: 'listCardTransactions', allow: 'GET', id };
  return undefined;
}

/** Assembles the mock from the default parts with `overrides` replacing some of them. */
export function createApp(overrides: Partial<MockParts> = {}, options: AppOptions = {}): App {
  const parts: MockParts = { ...DEFAULT_PARTS, ...overrides };
  const seed = options.seed ?? 1;
  const seedData = generateSeed({ seed, scale: options.scale ?? 1 });
  const initialKeys = options.keys ?? defaultKeys(seedData, seed);
  const store: Store = parts.store(
    seedData,
    initialKeys,
    { transferDelayMs: options.transferDelayMs ?? 2000, executionDelayMs: options.executionDelayMs ?? 2000 },
    parts.ids(seed),
  );
  const adminToken = options.adminToken ?? `adm_${randomBytes(18).toString('base64url')}`;
  const admin = createAdmin(store);
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const rateLimitEvery = Math.max(0, Math.floor(options.rateLimitEvery ?? 0));
  const bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;
  const timers = new Set<NodeJS.Timeout>();
  let apiRequests = 0;
  let disposed = false;

  const write = (res: ServerResponse, status: number, headers: Record<string, string>, body: string): void => {
    const emit = () => {
      if (res.headersSent || res.destroyed) return;
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
      res.writeHead(status, headers);
      res.end(body);
    };
    if (latencyMs === 0) return emit();
    if (disposed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      emit();
    }, latencyMs);
    timers.add(t);
  };

  const sendFail = (res: ServerResponse, f: Fail, rid: string, extra?: Record<string, string>): void => {
    const mapped = parts.errorMapper(f, rid);
    write(
      res,
      mapped.status,
      extra ? { ...mapped.headers, ...extra } : { ...mapped.headers },
      JSON.stringify(mapped.body),
    );
  };

  const sendOutcome = (res: ServerResponse, out: Outcome, rid: string): void => {
    if (!out.ok) return sendFail(res, out, rid);
    write(
      res,
      out.status,
      { 'X-Request-ID': rid },
      JSON.stringify(parts.serialize.envelope(rid, out.data, out.pageInfo)),
    );
  };

  const run = (res: ServerResponse, ctx: Ctx): void => {
    let out: Outcome;
    try {
      ctx.now = parts.clock();
      store.settle(ctx.now);
      const router = parts.routers[ROUTER_OF[ctx.op]] as unknown as Record<string, Handler>;
      out = (router[ctx.op] as Handler)(ctx);
    } catch {
      out = fail('internal', 'Internal error.');
    }
    sendOutcome(res, out, ctx.requestId);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    let rid: string;
    try {
      rid = parts.requestId(headerValue(req.headers['x-request-id']));
    } catch {
      rid = requestId(undefined);
    }
    try {
      const url = req.url ?? '/';
      const qi = url.indexOf('?');
      const path = qi < 0 ? url : url.slice(0, qi);
      if (path === ADMIN_BASE || path.startsWith(`${ADMIN_BASE}/`)) {
        handleAdmin(
          { store, admin, adminToken, bodyLimit, write, sendFail },
          req,
          res,
          path.slice(ADMIN_BASE.length),
          rid,
        );
        return;
      }
      if (rateLimitEvery > 0 && ++apiRequests % rateLimitEvery === 0)
        return sendFail(res, fail('rate_limited', 'Too many requests; retry after 1 second.'), rid, {
          'Retry-After': '1',
        });
      const route = path.startsWith(`${API_BASE}/`) ? matchRoute(path.slice(API_BASE.length)) : undefined;
      if (!route)
        return sendFail(res, fail('unknown_path', `No such path: ${req.method ?? ''} ${path.slice(0, 200)}`), rid);
      const op = req.method === 'GET' ? route.get : req.method === 'POST' ? route.post : undefined;
      if (!op)
        return sendFail(
          res,
          fail('method_not_allowed', `Method ${String(req.method).slice(0, 20)} is not allowed here.`),
          rid,
          { Allow: route.allow },
        );
      const key = parts.auth(store, headerValue(req.headers.authorization));
      if (!key) return sendFail(res, fail('unauthorized', 'Missing or invalid API key.'), rid);
      if (!parts.scopeGuard(key, op))
        return sendFail(res, fail('forbidden', 'This API key lacks the permission this operation needs.'), rid);
      const idem = headerValue(req.headers['idempotency-key']);
      const ctx: Ctx = {
        op,
        parts,
        store,
        key,
        pathId: route.id,
        query: parseQuery(qi < 0 ? '' : url.slice(qi + 1)),
        body: undefined,
        path: path.slice(API_BASE.length),
        idempotencyKey: idem === '' ? undefined : idem,
        headers: req.headers,
        now: 0,
        requestId: rid,
      };
      if (req.method !== 'POST') return run(res, ctx);
      readBody(req, bodyLimit, (r) => {
        if (!r.ok)
          return sendFail(res, fail('payload_too_large', `The request body exceeds ${bodyLimit} bytes.`), rid, {
            Connection: 'close',
          });
        ctx.body = r.body;
        run(res, ctx);
      });
    } catch {
      sendFail(res, fail('internal', 'Internal error.'), rid);
    }
  };

  return {
    handler,
    parts,
    store,
    seedData,
    initialKeys,
    adminToken,
    admin,
    dispose() {
      disposed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
