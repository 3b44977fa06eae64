/**
 * One client interface for every request the suite sends: credentials from the secret store,
 * bounded concurrency, an optional requests-per-second cap, a total deadline per request (headers
 * and whole body) and a size cap, 429 back-pressure (C-RATE-1: `Retry-After` in seconds or as an
 * HTTP date, else exponential back-off with jitter) within the run's wait budget, bounded retries
 * of connection failures and of gateway errors on reads, and the run's circuit breaker. A request
 * that gets no usable answer ends as a {@link TargetError}, never a finding.
 */
import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { rootCertificates } from 'node:tls';
import { Agent, request as undiciRequest } from 'undici';
import type { CredentialKind, RequestSpec } from '../generators/case-types.ts';
import { envName, type SecretStore } from '../generators/profile.ts';
import type { Redactor } from '../generators/redaction.ts';
import { TargetHealth } from './target-health.ts';

/** A response as the checks see it. */
export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON (or not judged as JSON: see `jsonProblem`). */
  json: unknown;
  /** Why a body that may be JSON was not parsed (nested or branching far beyond the contract's bodies). */
  jsonProblem?: string;
  /** How many 429 answers were waited out before this one. */
  rateLimited: number;
  durationMs: number;
  /** The Idempotency-Key a POST carried (the caller's, or one the transport gave it). */
  idempotencyKey?: string;
}

/** Who sends a request: the credential form and the key whose secret it carries. */
export interface Sender {
  credential: CredentialKind;
  keyId: string | null;
}

/**
 * Why a request got no usable answer. `throttled` (429s beyond the wait budget or the retry
 * count) and `stopped` (the circuit breaker is open) leave the cell not sent; the others are
 * target errors.
 */
export type TargetErrorKind = 'connection' | 'timeout' | 'too_large' | 'unsafe_retry' | 'throttled' | 'stopped';

/** The network failed where an answer was expected (after retries). Not a conformance failure. */
export class TargetError extends Error {
  readonly kind: TargetErrorKind;
  constructor(kind: TargetErrorKind, message: string) {
    super(message);
    this.name = 'TargetError';
    this.kind = kind;
  }

  /** True when the cell counts as not sent rather than as a target error. */
  get notSent(): boolean {
    return this.kind === 'throttled' || this.kind === 'stopped';
  }
}

/** Sends requests to one base URL. */
export interface Transport {
  readonly baseUrl: string;
  send(req: RequestSpec, sender: Sender, extraHeaders?: Record<string, string>): Promise<HttpResponse>;
  close(): Promise<void>;
  /** Requests sent, including retries. */
  readonly sent: number;
  /** The run's wait budget and circuit breaker. */
  readonly health: TargetHealth;
}

/** Defaults of {@link TransportOptions}. */
export const TRANSPORT_DEFAULTS = {
  requestTimeoutMs: 15_000,
  maxResponseBytes: 10 * 1024 * 1024,
  retries: 2,
  gatewayRetries: 2,
  max429Retries: 10,
} as const;

/** Options of {@link createTransport}. */
export interface TransportOptions {
  baseUrl: string;
  secrets: SecretStore;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Cap on requests per second (0: none). */
  maxRps?: number;
  /** Total deadline of one attempt: connection, headers and the whole body, in ms. */
  requestTimeoutMs?: number;
  /** Largest body read; a longer one ends the attempt as a target error. */
  maxResponseBytes?: number;
  /** Retries of connection failures (resets, refusals). Timeouts and oversized bodies are not retried. */
  retries?: number;
  /** Retries of 502, 503 and 504 answers to reads (GET); a persistent one is returned and judged. */
  gatewayRetries?: number;
  max429Retries?: number;
  /** The run's wait budget and breaker; default a fresh one with the default budgets. */
  health?: TargetHealth;
  /** HTTP client: undici (default, fastest here) or supertest over a keep-alive agent. */
  client?: 'undici' | 'supertest';
  /** PEM certificates to trust besides the system's (a private CA of a staging target, --ca). */
  ca?: string;
}

/** A key no server knows; used for `unknown` credentials. Not a secret. */
export const UNKNOWN_KEY = 'seqconform-unknown-key-0000000000';

/** Where a key's secret comes from: the secret store when sending, a shell variable in a `curl` line. */
export type SecretOf = (keyId: string) => string | undefined;

/** The Authorization header value for a sender, or undefined for none. */
export function authorization(sender: Sender, secretOf: SecretOf): string | undefined {
  const secret = sender.keyId ? secretOf(sender.keyId) : undefined;
  switch (sender.credential) {
    case 'none':
      return undefined;
    case 'empty':
      return 'ApiKey ';
    case 'unknown':
      return `ApiKey ${UNKNOWN_KEY}`;
    case 'suffixed':
      return `ApiKey ${secret ?? UNKNOWN_KEY}x`;
    case 'truncated':
      return `ApiKey ${(secret ?? UNKNOWN_KEY).slice(0, -1)}`;
    case 'bearer':
      return `Bearer ${secret ?? UNKNOWN_KEY}`;
    case 'basic':
      return `Basic ${Buffer.from(`${sender.keyId ?? 'x'}:${secret ?? UNKNOWN_KEY}`).toString('base64')}`;
    case 'key':
    case 'lowercase':
      if (secret === undefined) throw new Error(`no secret for key ${sender.keyId}`);
      return `${sender.credential === 'lowercase' ? 'apikey' : 'ApiKey'} ${secret}`;
  }
}

/** The full URL of a request under `baseUrl`. */
export function urlOf(baseUrl: string, req: Pick<RequestSpec, 'path' | 'query' | 'rawQuery'>): string {
  const qs = [
    ...req.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    ...(req.rawQuery ? [req.rawQuery] : []),
  ].join('&');
  return `${baseUrl}${req.path}${qs ? `?${qs}` : ''}`;
}

/** Headers of a request, the credential included. */
export function headersOf(
  req: RequestSpec,
  sender: Sender,
  secretOf: SecretOf,
  extra: Record<string, string> = {},
): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json', ...req.headers, ...extra };
  const auth = authorization(sender, secretOf);
  if (auth !== undefined) h.authorization = auth;
  const hasType = Object.keys(h).some((k) => k.toLowerCase() === 'content-type');
  if ((req.body !== undefined || req.rawBody !== undefined) && !hasType && !req.omitContentType)
    h['content-type'] = 'application/json';
  return h;
}

function bodyOf(req: RequestSpec): string | undefined {
  if (req.rawBody !== undefined) return req.rawBody;
  if (req.body !== undefined) return JSON.stringify(req.body);
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A semaphore and a requests-per-second spacer shared by all sends. */
function limiter(concurrency: number, maxRps: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  let nextSlot = 0;
  return {
    async acquire(): Promise<void> {
      if (active >= concurrency) await new Promise<void>((r) => waiting.push(r));
      active++;
      if (maxRps > 0) {
        const now = Date.now();
        const at = Math.max(now, nextSlot);
        nextSlot = at + 1000 / maxRps;
        if (at > now) await sleep(at - now);
      }
    },
    release(): void {
      active--;
      waiting.shift()?.();
    },
  };
}

/**
 * The wait a `Retry-After` value asks for, in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3),
 * measured against `now`; undefined when absent or unreadable.
 */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential back-off with full jitter for the `attempt`-th retry (1-based): up to 0.5 s × 2^(attempt-1), at most 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** One attempt's answer before retries are decided. */
type Answer = Omit<HttpResponse, 'rateLimited' | 'durationMs'>;

/** Why one attempt failed: the kind, and whether the request's bytes may have reached the server. */
class AttemptError extends Error {
  constructor(
    readonly kind: 'connection' | 'timeout' | 'too_large',
    message: string,
    readonly maybeSent: boolean,
  ) {
    super(message);
  }
}

/** TLS failures that mean the certificate chain is not trusted (a private CA, a self-signed certificate). */
const TLS_TRUST = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function attemptError(e: unknown, deadlineHit: boolean, timeoutMs: number): AttemptError {
  if (e instanceof AttemptError) return e;
  const err = e as Error & { code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  if (deadlineHit)
    return new AttemptError('timeout', `no complete answer within ${timeoutMs / 1000} s (--request-timeout)`, true);
  if (TLS_TRUST.has(code))
    return new AttemptError(
      'connection',
      `the target's TLS certificate is not trusted (${code}): pass --ca FILE with the CA that signed it, or set NODE_EXTRA_CA_CERTS`,
      false,
    );
  const detail = code ? `${code}${err.message && !err.message.includes(code) ? `: ${err.message}` : ''}` : err.message;
  return new AttemptError('connection', detail, !NOT_SENT_CODES.has(code));
}

/** How deep and how many objects and arrays a body may hold before the suite refuses to parse it (the contract's bodies hold a few hundred). */
export const JSON_LIMITS = { depth: 64, containers: 100_000 } as const;

/**
 * The JSON of a body, or why it is not judged as JSON: not JSON at all, or nested or branching
 * far beyond any body of the contract (parsing those could exhaust memory or the stack). A
 * string-aware scan decides before `JSON.parse` allocates anything.
 */
export function parseJson(text: string): { json: unknown; problem?: string } {
  if (!text) return { json: undefined };
  // A small body cannot exhaust memory while it is parsed: parse it, then measure what was built.
  if (text.length <= 256 * 1024) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { json: undefined };
    }
    const shape = shapeOf(json);
    const problem = shapeProblem(shape.deepest, shape.containers);
    return problem ? { json: undefined, problem } : { json };
  }
  let depth = 0;
  let deepest = 0;
  let containers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string: to the next quote not escaped.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 123 || c === 91) {
      containers++;
      if (++depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  const problem = shapeProblem(deepest, containers);
  if (problem) return { json: undefined, problem };
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { json: undefined };
  }
}

function shapeProblem(deepest: number, containers: number): string | undefined {
  if (deepest > JSON_LIMITS.depth)
    return `the body nests objects and arrays ${deepest} deep, far beyond any body of the contract (not judged as JSON past ${JSON_LIMITS.depth})`;
  if (containers > JSON_LIMITS.containers)
    return `the body holds ${containers} objects and arrays, far beyond any body of the contract (not judged as JSON past ${JSON_LIMITS.containers})`;
  return undefined;
}

/** Depth and count of the objects and arrays of a parsed value (iteratively: a deep value must not overflow the stack here). */
function shapeOf(v: unknown): { deepest: number; containers: number } {
  if (typeof v !== 'object' || v === null) return { deepest: 0, containers: 0 };
  let deepest = 0;
  let containers = 0;
  const values: unknown[] = [v];
  const depths: number[] = [1];
  while (values.length) {
    const x = values.pop() as object;
    const d = depths.pop()!;
    containers++;
    if (d > deepest) deepest = d;
    for (const child of Array.isArray(x) ? x : Object.values(x))
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(d + 1);
      }
  }
  return { deepest, containers };
}

function parsedOf(text: string): { json: unknown; jsonProblem?: string } {
  const p = parseJson(text);
  return p.problem ? { json: undefined, jsonProblem: p.problem } : { json: p.json };
}

/** Bodies past this size hold one of a few slots while they are read, so concurrent huge bodies cannot exhaust memory. */
const LARGE_BODY = 1024 * 1024;
const LARGE_SLOTS = 2;

function tooLarge(max: number): AttemptError {
  return new AttemptError('too_large', `the response body is larger than ${max} bytes (--max-response-bytes)`, true);
}

const GATEWAY = new Set([502, 503, 504]);

/** Where in a JSON body a value sits, for the record of what was masked: `error.code`, `data[].name`. */
function jsonFields(
  v: unknown,
  path: string,
  redactor: Redactor,
  found: Array<{ field: string; hits: Map<string, number> }>,
): unknown {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  if (typeof v === 'string') {
    const m = redactor.mask(v);
    if (m.hits.size) found.push({ field: `body ${path || '(root)'}`, hits: m.hits });
    return m.text;
  }
  if (Array.isArray(v)) return v.map((x) => jsonFields(x, `${path}[]`, redactor, found));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const mk = redactor.mask(k);
      if (mk.hits.size) found.push({ field: `body ${path ? `${path}.` : ''}(a member name)`, hits: mk.hits });
      out[mk.text] = jsonFields(x, at(mk.text), redactor, found);
    }
    return out;
  }
  return v;
}

/**
 * The boundary where a response enters the suite: every form of every known secret in its
 * headers and body is masked here, before any check, finding or report can hold it, and the
 * run's health is told which key was echoed where.
 */
export function maskAnswer(a: Answer, redactor: Redactor, health: TargetHealth): Answer {
  const found: Array<{ field: string; hits: Map<string, number> }> = [];
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.headers)) {
    const name = redactor.mask(k);
    if (name.hits.size) found.push({ field: 'header (a header name)', hits: name.hits });
    const m = redactor.mask(v);
    if (m.hits.size) found.push({ field: `header ${name.text}`, hits: m.hits });
    headers[name.text] = m.text;
  }
  let { text, json } = a;
  // JSON escapes (\u0073, \/) can spell a secret the raw text does not show: then every parsed string is masked.
  if (redactor.suspect(text) || (json !== undefined && (text.includes('\\u') || text.includes('\\/')))) {
    if (json !== undefined) {
      json = jsonFields(json, '', redactor, found);
      text = JSON.stringify(json);
    } else {
      const m = redactor.mask(text);
      if (m.hits.size) found.push({ field: 'body', hits: m.hits });
      text = m.text;
    }
  }
  if (!found.length) return a;
  for (const f of found) for (const [keyId, places] of f.hits) health.echoed(keyId, f.field, places);
  return { ...a, headers, text, json };
}

/** The default transport: undici over keep-alive connections (see bench/results.md for why). */
export function createTransport(opts: TransportOptions): Transport {
  const secretOf: SecretOf = (id) => opts.secrets.get(id);
  const concurrency = opts.concurrency ?? 32;
  const agent = new Agent({
    connections: concurrency,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    ...(opts.ca ? { connect: { ca: [...rootCertificates, opts.ca] } } : {}),
  });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: concurrency });
  const lim = limiter(concurrency, opts.maxRps ?? 0);
  const largeBodies = limiter(LARGE_SLOTS, 0);
  const timeoutMs = opts.requestTimeoutMs ?? TRANSPORT_DEFAULTS.requestTimeoutMs;
  const maxBytes = opts.maxResponseBytes ?? TRANSPORT_DEFAULTS.maxResponseBytes;
  const health = opts.health ?? new TargetHealth();
  const nonce = randomBytes(6).toString('hex');
  let sent = 0;
  let writes = 0;

  const viaSupertest = async (req: RequestSpec, headers: Record<string, string>): Promise<Answer> => {
    const url = new URL(urlOf(opts.baseUrl, req));
    const method = req.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    // Loaded on first use: supertest and its dependencies cost a default (undici) run a third of a second to load.
    const { default: supertest } = await import('supertest');
    const agent0 = supertest(url.origin);
    let r = agent0[method](url.pathname + url.search)
      .agent(httpAgent)
      .timeout({ deadline: timeoutMs })
      .redirects(0)
      .set(headers)
      .buffer(true)
      .parse((res, cb) => {
        let size = 0;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            (res as unknown as { destroy(): void }).destroy();
            cb(tooLarge(maxBytes), null);
          } else chunks.push(c);
        });
        res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      });
    const body = bodyOf(req);
    if (body !== undefined) r = r.send(body);
    let res;
    try {
      res = await r.ok(() => true);
    } catch (e) {
      const err = e as Error & { timeout?: number; code?: string };
      if (err instanceof AttemptError) throw err;
      throw attemptError(e, err.timeout !== undefined || err.code === 'ECONNABORTED', timeoutMs);
    }
    const text = typeof res.body === 'string' ? res.body : (res.text ?? '');
    return { status: res.status, headers: res.headers as Record<string, string>, text, ...parsedOf(text) };
  };

  const viaUndici = async (req: RequestSpec, headers: Record<string, string>): Promise<Answer> => {
    const ac = new AbortController();
    let deadlineHit = false;
    let large = false;
    const timer = setTimeout(() => {
      deadlineHit = true;
      ac.abort();
    }, timeoutMs);
    try {
      const res = await undiciRequest(urlOf(opts.baseUrl, req), {
        method: req.method,
        headers,
        body: bodyOf(req),
        dispatcher: agent,
        signal: ac.signal,
      });
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        ac.abort();
        throw tooLarge(maxBytes);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          ac.abort();
          throw tooLarge(maxBytes);
        }
        if (size > LARGE_BODY && !large) {
          await largeBodies.acquire();
          large = true;
        }
        chunks.push(chunk);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      return { status: res.statusCode, headers: h, text, ...parsedOf(text) };
    } catch (e) {
      throw attemptError(e, deadlineHit, timeoutMs);
    } finally {
      clearTimeout(timer);
      if (large) largeBodies.release();
    }
  };

  const once = (req: RequestSpec, headers: Record<string, string>): Promise<Answer> => {
    sent++;
    return opts.client === 'supertest' ? viaSupertest(req, headers) : viaUndici(req, headers);
  };

  return {
    baseUrl: opts.baseUrl,
    health,
    get sent() {
      return sent;
    },
    async send(req, sender, extra) {
      const headers = headersOf(req, sender, secretOf, extra);
      const label = `${req.method} ${req.path}`;
      const endpoint = `${req.method} /${req.path.split('/')[1] ?? ''}`;
      // Every write carries an Idempotency-Key (a fresh one per logical request, kept across its retries),
      // unless the cell tests behaviour without one; only then may a retry never act twice.
      let idempotencyKey = Object.entries(headers).find(([h]) => h.toLowerCase() === 'idempotency-key')?.[1];
      if (req.method === 'POST' && idempotencyKey === undefined && !req.withoutIdempotencyKey) {
        idempotencyKey = `seqconform-${nonce}-${++writes}`;
        headers['idempotency-key'] = idempotencyKey;
      }
      const repeatable = req.method === 'GET' || idempotencyKey !== undefined;
      const fail = (kind: TargetErrorKind, message: string) => new TargetError(kind, opts.secrets.redact(message));
      const t0 = performance.now();
      let rateLimited = 0;
      let failures = 0;
      let gateway = 0;
      // A write whose bytes left on an attempt that got no answer may have been carried out.
      let mayHaveActed = false;
      for (;;) {
        if (health.stopped)
          throw mayHaveActed
            ? fail(
                'connection',
                `${label}: no answer, and the run stopped before a retry (${health.stopped}): the request may have been carried out`,
              )
            : fail('stopped', `${label}: not sent: ${health.stopped}`);
        await lim.acquire();
        let res: Answer;
        try {
          res = await once(req, headers);
        } catch (e) {
          lim.release();
          const err = e as AttemptError;
          if (err.kind !== 'too_large')
            health.connectionFailed(`${label}: ${err.message}`, endpoint, err.kind === 'timeout');
          else health.answered();
          if (err.kind !== 'connection') throw fail(err.kind, `${label}: ${err.message}`);
          if (err.maybeSent && req.method !== 'GET') mayHaveActed = true;
          if (err.maybeSent && !repeatable)
            throw fail(
              'unsafe_retry',
              `${label}: ${err.message}; not retried: a write without an Idempotency-Key may already have been carried out`,
            );
          if (++failures > (opts.retries ?? TRANSPORT_DEFAULTS.retries))
            throw fail('connection', `${label}: ${err.message} (after ${failures} attempts)`);
          if (!(await health.wait(backoffMs(failures) / 5)))
            throw fail('connection', `${label}: ${err.message} (the wait budget is spent)`);
          continue;
        }
        lim.release();
        health.answered();
        res = maskAnswer(res, opts.secrets.redactor, health);
        if (res.status === 429) {
          if (++rateLimited > (opts.max429Retries ?? TRANSPORT_DEFAULTS.max429Retries))
            throw fail(
              'throttled',
              `${label}: still 429 after ${rateLimited - 1} waits (C-RATE-1: back-pressure, not a failure)`,
            );
          const asked = retryAfterMs(res.headers['retry-after']);
          // "Retry after 0 s" (or a date past) still gets a short, growing pause: a storm of instant retries helps nobody.
          const ms = asked === undefined ? backoffMs(rateLimited) : Math.max(asked, 100 * rateLimited);
          if (!(await health.wait(ms)))
            throw fail(
              'throttled',
              `${label}: 429 ${asked !== undefined ? `with Retry-After ${Math.ceil(asked / 1000)} s` : 'without Retry-After'}, more than the ${Math.floor(health.remainingMs / 1000)} s left of the run's wait budget (--max-wait)`,
            );
          continue;
        }
        if (
          GATEWAY.has(res.status) &&
          req.method === 'GET' &&
          gateway < (opts.gatewayRetries ?? TRANSPORT_DEFAULTS.gatewayRetries)
        ) {
          gateway++;
          if (await health.wait(backoffMs(gateway))) continue;
        }
        return {
          ...res,
          rateLimited,
          durationMs: performance.now() - t0,
          ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
        };
      }
    },
    async close() {
      httpAgent.destroy();
      await agent.close();
    },
  };
}

/** A `curl` line that reproduces a request, with `$KEY_<id>` in place of the secret. */
export function curlOf(baseUrl: string, req: RequestSpec, sender: Sender, extra: Record<string, string> = {}): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const variable = envName(sender.keyId ?? 'unknown');
  const headers = headersOf(req, sender, (id) => `$${envName(id)}`, extra);
  if (headers.accept === 'application/json') delete headers.accept;
  const parts = ['curl', '-sS', '-i', '-X', req.method, q(urlOf(baseUrl, req))];
  if (sender.credential === 'suffixed') headers.authorization = `ApiKey \${${variable}}x`;
  if (sender.credential === 'truncated') headers.authorization = `ApiKey \${${variable}%?}`;
  if (sender.credential === 'basic' && headers.authorization)
    headers.authorization = `Basic $(printf '%s' "${sender.keyId ?? 'x'}:$${variable}" | base64)`;
  for (const [k, v] of Object.entries(headers))
    parts.push('-H', k === 'authorization' ? `"${k}: ${v}"` : q(`${k}: ${v}`));
  const body = bodyOf(req);
  if (body !== undefined) parts.push('--data-raw', q(body));
  return parts.join(' ');
}
