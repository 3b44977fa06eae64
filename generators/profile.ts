/**
 * Profiles: the target and the keys a run uses. Secrets are split off at load time into a
 * {@link SecretStore}, so that no value that reaches a case, a failure or a report holds one.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { MisuseError } from '../openapi/errors.ts';
import type { Scope } from '../openapi/types.ts';
import { envName, Redactor } from './redaction.ts';

/** A MANUAL_TRANSFER resource entry (C-PERM-2, C-PERM-6). */
export interface TransferPair {
  source: string;
  target: string;
  max_amount?: number;
}

/** One permission entry of a key (C-PERM-1). */
export interface PermissionEntry {
  scope: Scope;
  resources?: string[] | TransferPair[];
}

/** A key as the generators see it: never the secret. */
export interface KeySpec {
  id: string;
  /** Organization label; keys with different labels belong to different organizations. */
  org: string;
  revoked: boolean;
  permissions: PermissionEntry[];
}

/** What a run may write (profile `mutations`). */
export type MutationPolicy = 'all' | 'denied-only' | 'none';

/** A validated profile, without secrets. */
export interface Profile {
  base_url: string;
  /** Undefined when the profile does not say; the target decides the default. */
  mutations: MutationPolicy | undefined;
  keys: KeySpec[];
}

/** Holds secrets apart from every serializable value. Its JSON and inspect forms are redacted. */
export class SecretStore {
  readonly #secrets = new Map<string, string>();
  #redactor: Redactor | undefined;

  /** Records the secret of key `id`. */
  set(id: string, secret: string): void {
    this.#secrets.set(id, secret);
    this.#redactor = undefined;
  }

  /** The secret of key `id`, or undefined. */
  get(id: string): string | undefined {
    return this.#secrets.get(id);
  }

  /** Every secret, for the leak scanners that prove none was written. */
  values(): string[] {
    return [...this.#secrets.values()];
  }

  /** The masker of every secret held (built once per set of secrets). */
  get redactor(): Redactor {
    this.#redactor ??= new Redactor([...this.#secrets].map(([id, secret]) => ({ id, secret })));
    return this.#redactor;
  }

  /** Masks every form of every known secret in `text` (see {@link Redactor}). */
  redact(text: string): string {
    return this.redactor.mask(text).text;
  }

  toJSON(): string {
    return '[secrets redacted]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretStore(${this.#secrets.size} keys, redacted)`;
  }
}

export { envName };

/** Scope facts the profile validator needs: `none`, `ids` or `pairs` resources. */
export type ScopeResourceKinds = Readonly<Record<string, 'none' | 'ids' | 'pairs'>>;

const TOP_FIELDS = new Set(['base_url', 'mutations', 'keys']);
const KEY_FIELDS = new Set(['id', 'secret', 'secret_env', 'org', 'revoked', 'permissions']);
const MUTATIONS = ['all', 'denied-only', 'none'];

/**
 * Validates a parsed profile document. Every defect is a coded {@link MisuseError} naming the key
 * and field. `scopes` comes from the contract's `x-scopes`, so unknown scopes are caught here.
 */
export function parseProfile(
  raw: unknown,
  scopes: ScopeResourceKinds,
  env: Readonly<Record<string, string | undefined>> = process.env,
  where = 'profile',
): { profile: Profile; secrets: SecretStore } {
  if (!isObject(raw)) throw new MisuseError('PROFILE_INVALID', where, 'the profile must be a mapping');
  for (const k of Object.keys(raw))
    if (!TOP_FIELDS.has(k))
      throw new MisuseError(
        'PROFILE_INVALID',
        `${where}.${k}`,
        'unknown field',
        `valid: ${[...TOP_FIELDS].join(', ')}`,
      );
  const baseUrl = raw.base_url;
  if (typeof baseUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(baseUrl))
    throw new MisuseError(
      'PROFILE_INVALID',
      `${where}.base_url`,
      'must be an http(s) URL including the version, e.g. http://127.0.0.1:4010/api/v1',
    );
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new MisuseError('PROFILE_INVALID', `${where}.base_url`, `not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.username || url.password || url.search || url.hash)
    throw new MisuseError('PROFILE_INVALID', `${where}.base_url`, 'must not carry credentials, a query or a fragment');
  const mutations = raw.mutations;
  if (mutations !== undefined && (typeof mutations !== 'string' || !MUTATIONS.includes(mutations)))
    throw new MisuseError(
      'PROFILE_INVALID',
      `${where}.mutations`,
      `invalid value ${JSON.stringify(mutations)}`,
      `valid: ${MUTATIONS.join(', ')}`,
    );
  if (!Array.isArray(raw.keys) || raw.keys.length === 0)
    throw new MisuseError('PROFILE_INVALID', `${where}.keys`, 'must be a non-empty list of keys');

  const secrets = new SecretStore();
  const seen = new Set<string>();
  const keys: KeySpec[] = raw.keys.map((k: unknown, i: number) => {
    const at = `${where}.keys[${i}]`;
    if (!isObject(k)) throw new MisuseError('PROFILE_INVALID', at, 'each key must be a mapping');
    const id = k.id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id))
      throw new MisuseError(
        'PROFILE_INVALID',
        `${at}.id`,
        'must be 1-64 characters of letters, digits, ".", "_" or "-"',
      );
    const kat = `${where}.keys[${id}]`;
    for (const f of Object.keys(k))
      if (!KEY_FIELDS.has(f))
        throw new MisuseError(
          'PROFILE_INVALID',
          `${kat}.${f}`,
          'unknown field',
          `valid: ${[...KEY_FIELDS].join(', ')}`,
        );
    if (seen.has(id))
      throw new MisuseError('PROFILE_DUPLICATE_KEY_ID', `${kat}.id`, `key id ${id} appears more than once`);
    seen.add(id);
    const secret = readSecret(k, kat, env);
    const twin = [...seen].find((other) => other !== id && secrets.get(other) === secret);
    if (twin !== undefined)
      throw new MisuseError(
        'PROFILE_DUPLICATE_SECRET',
        `${kat}.secret`,
        `key ${id} has the same secret as key ${twin}`,
        'each key of a profile must be a distinct API key',
      );
    secrets.set(id, secret);
    const org = k.org ?? 'default';
    if (typeof org !== 'string' || org === '')
      throw new MisuseError('PROFILE_INVALID', `${kat}.org`, 'must be a non-empty string');
    if (k.revoked !== undefined && typeof k.revoked !== 'boolean')
      throw new MisuseError('PROFILE_INVALID', `${kat}.revoked`, 'must be true or false');
    const perms = k.permissions ?? [];
    if (!Array.isArray(perms)) throw new MisuseError('PROFILE_INVALID', `${kat}.permissions`, 'must be a list');
    return {
      id,
      org,
      revoked: k.revoked === true,
      permissions: perms.map((p: unknown, j: number) => parseEntry(p, `${kat}.permissions[${j}]`, scopes)),
    };
  });
  return {
    profile: { base_url: baseUrl.replace(/\/+$/, ''), mutations: mutations as MutationPolicy | undefined, keys },
    secrets,
  };
}

/** Reads and validates a JSON or YAML profile file. */
export function loadProfile(
  file: string,
  scopes: ScopeResourceKinds,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { profile: Profile; secrets: SecretStore } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MisuseError('PROFILE_READ_FAILED', file, (e as Error).message);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new MisuseError(
      'PROFILE_READ_FAILED',
      file,
      `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}${whereIn(text, (e as Error).message)}`,
    );
  }
  return parseProfile(raw, scopes, env, file);
}

/**
 * Where a parser stopped, as line and column, and nothing of the text itself: parsers quote the
 * text around the error, and a profile's text may hold secrets.
 */
function whereIn(text: string, message: string): string {
  const lc = /line (\d+),? column (\d+)/i.exec(message);
  if (lc) return ` (at line ${lc[1]}, column ${lc[2]})`;
  const pos = /position (\d+)/i.exec(message);
  if (!pos) return '';
  const before = text.slice(0, Number(pos[1]));
  return ` (at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')})`;
}

function readSecret(k: Record<string, unknown>, at: string, env: Readonly<Record<string, string | undefined>>): string {
  if (k.secret !== undefined && k.secret_env !== undefined)
    throw new MisuseError('PROFILE_INVALID', `${at}.secret`, 'give either secret or secret_env, not both');
  if (typeof k.secret === 'string' && k.secret !== '') return k.secret;
  if (k.secret !== undefined) throw new MisuseError('PROFILE_INVALID', `${at}.secret`, 'must be a non-empty string');
  if (typeof k.secret_env === 'string' && k.secret_env !== '') {
    const v = env[k.secret_env];
    if (v === undefined || v === '')
      throw new MisuseError(
        'PROFILE_MISSING_ENV',
        `${at}.secret_env`,
        `environment variable ${k.secret_env} is not set`,
      );
    return v;
  }
  throw new MisuseError('PROFILE_MISSING_SECRET', at, 'a key needs secret or secret_env');
}

function parseEntry(p: unknown, at: string, scopes: ScopeResourceKinds): PermissionEntry {
  if (!isObject(p))
    throw new MisuseError('PROFILE_INVALID', at, 'a permission entry must be a mapping {scope, resources}');
  for (const f of Object.keys(p))
    if (f !== 'scope' && f !== 'resources')
      throw new MisuseError('PROFILE_INVALID', `${at}.${f}`, 'unknown field', 'valid: scope, resources');
  const scope = p.scope;
  const kind = typeof scope === 'string' ? scopes[scope] : undefined;
  if (kind === undefined)
    throw new MisuseError(
      'PROFILE_UNKNOWN_SCOPE',
      `${at}.scope`,
      `unknown scope ${JSON.stringify(scope)}`,
      `valid: ${Object.keys(scopes).join(', ')}`,
    );
  const res = p.resources;
  if (kind === 'none') {
    if (res !== undefined && !(Array.isArray(res) && res.length === 0))
      throw new MisuseError(
        'PROFILE_RESOURCES_ON_LIST_SCOPE',
        `${at}.resources`,
        `${scope} takes no resources (C-PERM-2)`,
      );
    return { scope: scope as Scope };
  }
  if (!Array.isArray(res) || res.length === 0)
    throw new MisuseError(
      'PROFILE_BAD_RESOURCES',
      `${at}.resources`,
      `${scope} needs a non-empty list of resources (C-PERM-2)`,
    );
  if (kind === 'ids') {
    res.forEach((r, i) => {
      if (typeof r !== 'string' || r === '')
        throw new MisuseError('PROFILE_BAD_RESOURCES', `${at}.resources[${i}]`, `${scope} resources are IDs or "*"`);
    });
    return { scope: scope as Scope, resources: [...res] as string[] };
  }
  const pairs = res.map((r, i): TransferPair => {
    const rat = `${at}.resources[${i}]`;
    if (!isObject(r))
      throw new MisuseError(
        'PROFILE_BAD_TRANSFER_ENTRY',
        rat,
        'MANUAL_TRANSFER resources are {source, target, max_amount?}',
      );
    for (const f of Object.keys(r))
      if (!['source', 'target', 'max_amount'].includes(f))
        throw new MisuseError(
          'PROFILE_BAD_TRANSFER_ENTRY',
          `${rat}.${f}`,
          'unknown field',
          'valid: source, target, max_amount',
        );
    if (typeof r.source !== 'string' || r.source === '')
      throw new MisuseError('PROFILE_BAD_TRANSFER_ENTRY', `${rat}.source`, 'source must be an account ID or "*"');
    if (typeof r.target !== 'string' || r.target === '')
      throw new MisuseError('PROFILE_BAD_TRANSFER_ENTRY', `${rat}.target`, 'target must be an account ID or "*"');
    if (r.max_amount !== undefined && (!Number.isSafeInteger(r.max_amount) || (r.max_amount as number) < 0))
      throw new MisuseError(
        'PROFILE_BAD_TRANSFER_ENTRY',
        `${rat}.max_amount`,
        'max_amount must be a whole number of cents >= 0',
      );
    return r.max_amount === undefined
      ? { source: r.source, target: r.target }
      : { source: r.source, target: r.target, max_amount: r.max_amount as number };
  });
  return { scope: scope as Scope, resources: pairs };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
