/**
 * One client interface for every request the suite sends: credentials from the secret store,
 * bounded concurrency, an optional requests-per-second cap, 429 back-pressure (C-RATE-1) and
 * bounded retries of network errors, which end as a {@link TargetError}, never a finding.
 */
import { Agent as HttpAgent } from 'node:http';
import supertest from 'supertest';
import { Agent, request as undiciRequest } from 'undici';
import type { CredentialKind, RequestSpec } from '../generators/case-types.ts';
import { envName, type SecretStore } from '../generators/profile.ts';

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

/** The network failed where an answer was expected (after retries). Not a conformance failure. */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Sends requests to one base URL. */
export interface Transport {
  readonly baseUrl: string;
  send(req: RequestSpec, sender: Sender, extraHeaders?: Record<string, string>): Promise<HttpResponse>;
  close(): Promise<void>;
  /** Requests sent, including retries. */
  readonly sent: number;
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
  baseUrl: string;
  secrets: SecretStore;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Cap on requests per second (0: none). */
  maxRps?: number;
  timeoutMs?: number;
  /** Retries of network errors and timeouts. */
  retries?: number;
  /** Longest 429 wait honoured, in seconds. */
  maxRetryAfterS?: number;
  max429Retries?: number;
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

/** The default transport: undici over keep-alive connections (see bench/results.md for why). */
export function createTransport(opts: TransportOptions): Transport {
  const secretOf: SecretOf = (id) => opts.secrets.get(id);
  const concurrency = opts.concurrency ?? 32;
  const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 10_000 });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: concurrency });
  const lim = limiter(concurrency, opts.maxRps ?? 0);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let sent = 0;
  const viaSupertest = async (req: RequestSpec, headers: Record<string, string>): Promise<Omit<HttpResponse, 'rateLimited' | 'durationMs'>> => {
    const url = new URL(urlOf(opts.baseUrl, req));
    const method = req.method === 'POST' ? 'post' : 'get';
    let r = supertest(url.origin)[method](url.pathname + url.search).agent(httpAgent).timeout(timeoutMs).set(headers).buffer(true).parse((res, cb) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => cb(null, text));
    });
    const body = bodyOf(req);
    if (body !== undefined) r = r.send(body);
    const res = await r.ok(() => true);
    const text = typeof res.body === 'string' ? res.body : res.text ?? '';
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers as Record<string, string>, text, json };
  };
  const once = async (req: RequestSpec, headers: Record<string, string>): Promise<Omit<HttpResponse, 'rateLimited' | 'durationMs'>> => {
    sent++;
    if (opts.client === 'supertest') return viaSupertest(req, headers);
    const res = await undiciRequest(urlOf(opts.baseUrl, req), {
      method: req.method,
      headers,
      body: bodyOf(req),
      dispatcher: agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: h, text, json };
  };
  return {
    baseUrl: opts.baseUrl,
    get sent() {
      return sent;
    },
    async send(req, sender, extra) {
      const headers = headersOf(req, sender, secretOf, extra);
      const t0 = performance.now();
      let rateLimited = 0;
      let netErrors = 0;
      for (;;) {
        await lim.acquire();
        let res: Omit<HttpResponse, 'rateLimited' | 'durationMs'>;
        try {
          res = await once(req, headers);
        } catch (e) {
          lim.release();
          if (++netErrors > (opts.retries ?? 2)) throw new TargetError(`${req.method} ${req.path}: ${(e as Error).message} (after ${netErrors} attempts)`);
          await sleep(100 * netErrors);
          continue;
        }
        lim.release();
        if (res.status === 429 && rateLimited < (opts.max429Retries ?? 20)) {
          rateLimited++;
          const ra = Number(res.headers['retry-after']);
          await sleep(1000 * Math.min(Number.isFinite(ra) && ra >= 0 ? ra : 1, opts.maxRetryAfterS ?? 30));
          continue;
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
