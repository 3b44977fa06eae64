/**
 * A hostile target for the suite's own tests: an HTTP proxy in front of a correct server that
 * injects the faults real targets show (bodies that never end or are huge, hangs, resets before
 * and after the server acted, bodies that are not JSON or `null`, pages that never end, 429
 * storms, gateway errors, echoed credentials, a backend that dies). Each fault is a rule: the
 * first rule whose `when` matches a request decides what happens to it; other requests are
 * forwarded untouched.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy knows of a request when a rule is asked. */
export interface SeenRequest {
  method: string;
  /** Path below the origin, e.g. `/api/v1/cards/card_1`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** 1-based count of requests the proxy has seen, this one included. */
  n: number;
}

/** An upstream answer, as forwarded. */
export interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Tools a fault uses: forward the request upstream, or answer it. */
export interface FaultKit {
  /** Forwards the request upstream (to `url`, a path with query, when given). */
  forward(url?: string): Promise<Upstream>;
  send(status: number, headers: Record<string, string>, body: string): void;
  res: ServerResponse;
  req: IncomingMessage;
}

/** What to do with a matching request. */
export type Fault = (seen: SeenRequest, kit: FaultKit) => void | Promise<void>;

/** A rule: when it matches, the fault handles the request. */
export interface FaultRule {
  when: (r: SeenRequest) => boolean;
  fault: Fault;
}

/** A running hostile proxy. */
export interface HostileProxy {
  /** Base URL of the API through the proxy (the upstream's path kept). */
  baseUrl: string;
  /** Requests seen, by method and path. */
  readonly seen: SeenRequest[];
  /** Bytes of response body the proxy wrote to clients. */
  readonly bytesOut: number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 in front of `upstreamBase` (e.g. `http://127.0.0.1:4010/api/v1`). */
export async function startHostileProxy(upstreamBase: string, rules: FaultRule[]): Promise<HostileProxy> {
  const up = new URL(upstreamBase);
  const seen: SeenRequest[] = [];
  let bytesOut = 0;
  const sockets = new Set<import('node:net').Socket>();
  const forward = (req: IncomingMessage, body: string, url = req.url): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const r = httpRequest(
        { host: up.hostname, port: up.port, method: req.method, path: url, headers: { ...req.headers, host: up.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined && k !== 'content-length' && k !== 'connection' && k !== 'keep-alive')
                headers[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://proxy');
      const s: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        n: seen.length + 1,
      };
      seen.push(s);
      const send = (status: number, headers: Record<string, string>, text: string) => {
        if (res.destroyed) return;
        bytesOut += Buffer.byteLength(text);
        res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      };
      const kit: FaultKit = { forward: (url) => forward(req, body, url), send, res, req };
      const rule = rules.find((x) => x.when(s));
      const run = rule ? rule.fault(s, kit) : kit.forward().then((u) => send(u.status, u.headers, u.body));
      Promise.resolve(run).catch(() => res.destroy());
    });
  });
  server.on('connection', (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${up.pathname.replace(/\/$/, '')}`,
    seen,
    get bytesOut() {
      return bytesOut;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Faults, one per way real targets misbehave. */
export const faults = {
  /** 200 with headers, then body chunks that never end. */
  endlessBody:
    (): Fault =>
    (_s, { res }) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
      const t = setInterval(() => {
        if (res.destroyed) return clearInterval(t);
        res.write('{"id":"x"},');
      }, 5);
      res.on('close', () => clearInterval(t));
    },
  /** A body of `mb` megabytes, written as fast as the client reads. */
  hugeBody:
    (mb: number): Fault =>
    (_s, { res }) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let left = mb * 16;
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          left--;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
  /** Never answers. */
  hang: (): Fault => () => {},
  /** Drops the connection without an answer, before the server sees the request. */
  reset:
    (): Fault =>
    (_s, { req }) =>
      void req.socket.destroy(),
  /** Lets the server act, then drops the connection before the answer reaches the client. */
  resetAfterForward: (): Fault => async (_s, kit) => {
    await kit.forward();
    kit.req.socket.destroy();
  },
  /** Answers with a fixed status, headers and body. */
  answer:
    (status: number, headers: Record<string, string>, body: string): Fault =>
    (_s, { send }) =>
      send(status, headers, body),
  /** Forwards (without the `after` cursor when `dropCursor`), then rewrites the JSON body. */
  rewrite:
    (fn: (json: Record<string, unknown>, s: SeenRequest) => unknown, dropCursor = false): Fault =>
    async (s, kit) => {
      const q = new URLSearchParams(s.query);
      if (dropCursor) q.delete('after');
      const u = await kit.forward(dropCursor ? `${s.path}${q.size ? `?${q}` : ''}` : undefined);
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(u.body) as Record<string, unknown>;
      } catch {
        return kit.send(u.status, u.headers, u.body);
      }
      kit.send(u.status, u.headers, JSON.stringify(fn(json, s)));
    },
};

/** A 502 page as gateways send it: HTML, not the API's JSON. */
export const GATEWAY_HTML =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
