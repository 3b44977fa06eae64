/**
 * One client interface for every request the suite sends: credentials from the secret store,
 * bounded concurrency, an optional requests-per-second cap, a total deadline per request (headers
 * and whole body) and a size cap, 429 back-pressure (C-RATE-1: `Retry-After` in seconds or as an
 * HTTP date, else exponential back-off with jitter) within the run's wait budget, bounded retries
 * of connection failures and of gateway errors on reads, and the run's circuit breaker. A request
 * that gets no usable answer ends as a {@link TargetError}, never a finding.
 */
import { Agent as HttpAgent } from 'node:http';
import supertest from 'supertest';
import { Agent, request as undiciRequest } from 'undici';
import type { CredentialKind, RequestSpec } from '../generators/case-types.ts';
import { envName, type SecretStore } from '../generators/profile.ts';
import { TargetHealth } from './target-health.ts';

/** A response as the checks see it. */
export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
  /** How many 429 answers were waited out before this one. */
  rateLimited: number;
  durationMs: number;
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
export const TRANSPORT_DEFAULTS = { requestTimeoutMs: 15_000, maxResponseBytes: 10 * 1024 * 1024, retries: 2, gatewayRetries: 2, max429Retries: 10 } as const;

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
export function urlOf(baseUrl: string, req: Pick<RequestSpec, 'path' | 'query'>): string {
  const qs = req.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${baseUrl}${req.path}${qs ? `?${qs}` : ''}`;
}

/** Headers of a request, the credential included. */
export function headersOf(req: RequestSpec, sender: Sender, secretOf: SecretOf, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json', ...req.headers, ...extra };
  const auth = authorization(sender, secretOf);
  if (auth !== undefined) h.authorization = auth;
  if (req.body !== undefined || req.rawBody !== undefined) h['content-type'] = 'application/json';
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

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function attemptError(e: unknown, deadlineHit: boolean, timeoutMs: number): AttemptError {
  if (e instanceof AttemptError) return e;
  const err = e as Error & { code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  if (deadlineHit) return new AttemptError('timeout', `no complete answer within ${timeoutMs / 1000} s (--request-timeout)`, true);
  const detail = code ? `${code}${err.message && !err.message.includes(code) ? `: ${err.message}` : ''}` : err.message;
  return new AttemptError('connection', detail, !NOT_SENT_CODES.has(code));
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function tooLarge(max: number): AttemptError {
  return new AttemptError('too_large', `the response body is larger than ${max} bytes (--max-response-bytes)`, true);
}

const GATEWAY = new Set([502, 503, 504]);

/** The default transport: undici over keep-alive connections (see bench/results.md for why). */
export function createTransport(opts: TransportOptions): Transport {
  const secretOf: SecretOf = (id) => opts.secrets.get(id);
  const concurrency = opts.concurrency ?? 32;
  const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 10_000 });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: concurrency });
  const lim = limiter(concurrency, opts.maxRps ?? 0);
  const timeoutMs = opts.requestTimeoutMs ?? TRANSPORT_DEFAULTS.requestTimeoutMs;
  const maxBytes = opts.maxResponseBytes ?? TRANSPORT_DEFAULTS.maxResponseBytes;
  const health = opts.health ?? new TargetHealth();
  let sent = 0;

  const viaSupertest = async (req: RequestSpec, headers: Record<string, string>): Promise<Answer> => {
    const url = new URL(urlOf(opts.baseUrl, req));
    const method = req.method === 'POST' ? 'post' : 'get';
    let r = supertest(url.origin)
      [method](url.pathname + url.search)
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
    return { status: res.status, headers: res.headers as Record<string, string>, text, json: parseJson(text) };
  };

  const viaUndici = async (req: RequestSpec, headers: Record<string, string>): Promise<Answer> => {
    const ac = new AbortController();
    let deadlineHit = false;
    const timer = setTimeout(() => {
      deadlineHit = true;
      ac.abort();
    }, timeoutMs);
    try {
      const res = await undiciRequest(urlOf(opts.baseUrl, req), { method: req.method, headers, body: bodyOf(req), dispatcher: agent, signal: ac.signal });
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
        chunks.push(chunk);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      return { status: res.statusCode, headers: h, text, json: parseJson(text) };
    } catch (e) {
      throw attemptError(e, deadlineHit, timeoutMs);
    } finally {
      clearTimeout(timer);
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
      // A write may be repeated only under an Idempotency-Key: the server then replays instead of acting twice.
      const repeatable = req.method === 'GET' || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
      const t0 = performance.now();
      let rateLimited = 0;
      let failures = 0;
      let gateway = 0;
      for (;;) {
        if (health.stopped) throw new TargetError('stopped', `${label}: not sent: ${health.stopped}`);
        await lim.acquire();
        let res: Answer;
        try {
          res = await once(req, headers);
        } catch (e) {
          lim.release();
          const err = e as AttemptError;
          if (err.kind !== 'too_large') health.connectionFailed(`${label}: ${err.message}`);
          else health.answered();
          if (err.kind !== 'connection') throw new TargetError(err.kind, `${label}: ${err.message}`);
          if (err.maybeSent && !repeatable)
            throw new TargetError('unsafe_retry', `${label}: ${err.message}; not retried: a write without an Idempotency-Key may already have been carried out`);
          if (++failures > (opts.retries ?? TRANSPORT_DEFAULTS.retries)) throw new TargetError('connection', `${label}: ${err.message} (after ${failures} attempts)`);
          if (!(await health.wait(backoffMs(failures) / 5))) throw new TargetError('connection', `${label}: ${err.message} (the wait budget is spent)`);
          continue;
        }
        lim.release();
        health.answered();
        if (res.status === 429) {
          if (++rateLimited > (opts.max429Retries ?? TRANSPORT_DEFAULTS.max429Retries))
            throw new TargetError('throttled', `${label}: still 429 after ${rateLimited - 1} waits (C-RATE-1: back-pressure, not a failure)`);
          const asked = retryAfterMs(res.headers['retry-after']);
          const ms = asked ?? backoffMs(rateLimited);
          if (!(await health.wait(ms)))
            throw new TargetError(
              'throttled',
              `${label}: 429 ${asked !== undefined ? `with Retry-After ${Math.ceil(asked / 1000)} s` : 'without Retry-After'}, more than the ${Math.floor(health.remainingMs / 1000)} s left of the run's wait budget (--max-wait)`,
            );
          continue;
        }
        if (GATEWAY.has(res.status) && req.method === 'GET' && gateway < (opts.gatewayRetries ?? TRANSPORT_DEFAULTS.gatewayRetries)) {
          gateway++;
          if (await health.wait(backoffMs(gateway))) continue;
        }
        return { ...res, rateLimited, durationMs: performance.now() - t0 };
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
  delete headers.accept;
  const parts = ['curl', '-sS', '-i', '-X', req.method, q(urlOf(baseUrl, req))];
  if (sender.credential === 'suffixed') headers.authorization = `ApiKey \${${variable}}x`;
  if (sender.credential === 'truncated') headers.authorization = `ApiKey \${${variable}%?}`;
  if (sender.credential === 'basic' && headers.authorization)
    headers.authorization = `Basic $(printf '%s' "${sender.keyId ?? 'x'}:$${variable}" | base64)`;
  for (const [k, v] of Object.entries(headers)) parts.push('-H', k === 'authorization' ? `"${k}: ${v}"` : q(`${k}: ${v}`));
  const body = bodyOf(req);
  if (body !== undefined) parts.push('--data-raw', q(body));
  return parts.join(' ');
}
