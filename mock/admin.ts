/**
 * Admin API, in-process and over HTTP under `/__admin` (outside `/api/v1`), guarded by the
 * `X-Admin-Token` header: provision keys with any permission list, revoke keys, list keys
 * (without secrets), read the profile (with secrets) and a health check.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerValue, readBody } from './http-util.ts';
import { permissionsProblem } from './keys.ts';
import type { Store } from './store.ts';
import { fail, type Fail, type PermissionEntry } from './types.ts';

/** A key of a profile file (the format the suite reads). */
export interface ProfileKey {
  id: string;
  secret: string;
  org: string;
  revoked: boolean;
  permissions: PermissionEntry[];
}

/** A profile: base URL, mutation policy and keys with secrets. */
export interface MockProfile {
  base_url: string;
  mutations: 'all' | 'denied-only' | 'none';
  keys: ProfileKey[];
}

/** What {@link AdminApi.provisionKey} takes. */
export interface ProvisionInput {
  id: string;
  org: string;
  permissions: PermissionEntry[];
  /** Generated when absent. */
  secret?: string;
  revoked?: boolean;
}

/** A rejected admin request. */
export class AdminError extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.name = 'AdminError';
    this.status = status;
  }
}

/** The in-process admin API. */
export interface AdminApi {
  /** Adds a key; throws {@link AdminError} on a bad id, organization or permission list. */
  provisionKey(input: ProvisionInput): { id: string; secret: string };
  /** Revokes a key; false when there is no such key. */
  revokeKey(id: string): boolean;
  /** Every key without its secret. */
  listKeys(): Array<Omit<ProfileKey, 'secret'>>;
  /** A profile holding every key of the store, secrets included. */
  profile(baseUrl: string): MockProfile;
}

const KEY_ID = /^[\x21-\x7e]{1,128}$/;

/** Builds the admin API of a store. */
export function createAdmin(store: Store): AdminApi {
  return {
    provisionKey(input) {
      if (typeof input !== 'object' || input === null)
        throw new AdminError('body must be an object {id, org, permissions}');
      const { id, org, permissions, secret, revoked } = input;
      if (typeof id !== 'string' || !KEY_ID.test(id)) throw new AdminError('id must be 1-128 visible ASCII characters');
      if (store.keysById.has(id)) throw new AdminError(`key ${id} already exists`, 409);
      if (typeof org !== 'string' || !store.hasOrg(org))
        throw new AdminError(`org must be one of ${store.orgLabels.join(', ')}`);
      const problem = permissionsProblem(permissions);
      if (problem) throw new AdminError(problem);
      if (secret !== undefined && (typeof secret !== 'string' || !/^[\x21-\x7e]{8,256}$/.test(secret)))
        throw new AdminError('secret must be 8-256 visible ASCII characters');
      if (revoked !== undefined && typeof revoked !== 'boolean') throw new AdminError('revoked must be a boolean');
      const s = secret ?? `sk_mock_${randomBytes(24).toString('base64url')}`;
      store.addKey({ id, org, secret: s, revoked: revoked ?? false, permissions: permissions.map((p) => ({ ...p })) });
      return { id, secret: s };
    },
    revokeKey: (id) => store.revokeKey(id),
    listKeys: () =>
      [...store.keysById.values()].map((k) => ({
        id: k.id,
        org: k.org,
        revoked: k.revoked,
        permissions: k.permissions,
      })),
    profile: (baseUrl) => ({
      base_url: baseUrl,
      mutations: 'all',
      keys: [...store.keysById.values()].map((k) => ({
        id: k.id,
        secret: k.secret,
        org: k.org,
        revoked: k.revoked,
        permissions: k.permissions,
      })),
    }),
  };
}

/** What the admin HTTP handler needs from the kernel. */
export interface AdminEnv {
  store: Store;
  admin: AdminApi;
  adminToken: string;
  bodyLimit: number;
  write(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void;
  sendFail(res: ServerResponse, f: Fail, rid: string, extra?: Record<string, string>): void;
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Serves one request below `/__admin`; `sub` is the path after the prefix. */
export function handleAdmin(env: AdminEnv, req: IncomingMessage, res: ServerResponse, sub: string, rid: string): void {
  const json = (status: number, body: unknown) => env.write(res, status, { 'X-Request-ID': rid }, JSON.stringify(body));
  if (!tokenMatches(headerValue(req.headers['x-admin-token']), env.adminToken))
    return env.sendFail(res, fail('unauthorized', 'Missing or invalid X-Admin-Token.'), rid);
  const method = req.method;
  const notAllowed = (allow: string) =>
    env.sendFail(res, fail('method_not_allowed', 'Method not allowed.'), rid, { Allow: allow });
  if (sub === '/health') {
    if (method !== 'GET') return notAllowed('GET');
    return json(200, { status: 'ok', counts: env.store.counts() });
  }
  if (sub === '/profile') {
    if (method !== 'GET') return notAllowed('GET');
    return json(200, env.admin.profile(`http://${headerValue(req.headers.host) ?? '127.0.0.1'}/api/v1`));
  }
  if (sub === '/keys') {
    if (method === 'GET') return json(200, { keys: env.admin.listKeys() });
    if (method !== 'POST') return notAllowed('GET, POST');
    return readBody(req, env.bodyLimit, (r) => {
      if (!r.ok) return env.sendFail(res, fail('payload_too_large', 'Body too large.'), rid, { Connection: 'close' });
      let input: unknown;
      try {
        input = JSON.parse(r.body);
      } catch {
        return env.sendFail(res, fail('invalid_request', 'The body is not valid JSON.'), rid);
      }
      try {
        json(201, env.admin.provisionKey(input as ProvisionInput));
      } catch (e) {
        const status = e instanceof AdminError ? e.status : 400;
        const msg = e instanceof Error ? e.message : 'invalid key';
        if (status === 409) json(409, { error: { code: 'key_conflict', message: msg }, request_id: rid });
        else env.sendFail(res, fail('invalid_request', msg), rid);
      }
    });
  }
  const m = /^\/keys\/([^/]+)\/revoke$/.exec(sub);
  if (m) {
    if (method !== 'POST') return notAllowed('POST');
    let id = m[1] as string;
    try {
      id = decodeURIComponent(id);
    } catch {
      // An undecodable id is just an unknown one.
    }
    if (!env.admin.revokeKey(id))
      return env.sendFail(res, fail('resource_not_found', `No key ${id.slice(0, 64)}.`), rid);
    return json(200, { id, revoked: true });
  }
  return env.sendFail(res, fail('unknown_path', 'No such admin path.'), rid);
}
