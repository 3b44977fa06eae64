/**
 * A plain HTTP server that answers the Sequence API from a recording: the benchmark records every
 * answer of one run against the reference mock (through {@link startRecorder}, a proxy in front
 * of it) and serves them again (through {@link startReplay}) with no work beyond a map lookup, so a
 * run against it costs the suite alone. Answers are keyed by method, path with query,
 * authorization and body; a key asked again gets its answers in the recorded order (the last one
 * once they run out). A body that differs from the recording (a run nonce in an amount) falls back
 * to method, path and authorization.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** One recorded answer. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Answers by exact key and by the looser key without the body. */
export interface Recording {
  exact: Map<string, Answer[]>;
  loose: Map<string, Answer[]>;
  /** Recorded GET requests, for the autocannon ceiling. */
  reads: Array<{ method: 'GET'; path: string; headers: Record<string, string> }>;
}

const DROPPED = new Set(['connection', 'keep-alive', 'date', 'transfer-encoding', 'content-length']);

const looseKey = (req: IncomingMessage) => `${req.method} ${req.url} ${req.headers.authorization ?? ''}`;
const exactKey = (req: IncomingMessage, body: Buffer) => `${looseKey(req)} ${body.toString('latin1')}`;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, ko) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => ok(parts.length === 1 ? parts[0]! : Buffer.concat(parts)));
    req.on('error', ko);
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A running server of the benchmark's. */
export interface Running {
  origin: string;
  close(): Promise<void>;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
}

/** A proxy to `upstream` (an origin) that records every answer into a new {@link Recording}. */
export async function startRecorder(upstream: string): Promise<Running & { recording: Recording }> {
  const recording: Recording = { exact: new Map(), loose: new Map(), reads: [] };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      const up = await request(`${upstream}${req.url}`, {
        method: req.method as 'GET',
        headers,
        ...(body.length ? { body } : {}),
      });
      const answer: Answer = { status: up.statusCode, headers: {}, body: Buffer.from(await up.body.arrayBuffer()) };
      for (const [k, v] of Object.entries(up.headers))
        if (typeof v === 'string' && !DROPPED.has(k)) answer.headers[k] = v;
      const add = (m: Map<string, Answer[]>, k: string) => {
        const list = m.get(k);
        if (list) list.push(answer);
        else m.set(k, [answer]);
      };
      add(recording.exact, exactKey(req, body));
      add(recording.loose, looseKey(req));
      if (req.method === 'GET') recording.reads.push({ method: 'GET', path: req.url!, headers });
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
      res.end(answer.body);
    })().catch((e: unknown) => {
      res.writeHead(502);
      res.end(String(e));
    });
  });
  const origin = await listen(server);
  return { origin, recording, close: closer(server) };
}

/** Serves `recording`; `reset` starts every key's answers from the first again (before each run). */
export async function startReplay(
  recording: Recording,
): Promise<Running & { reset(): void; stats: { exact: number; loose: number; missed: number } }> {
  const used = new Map<string, number>();
  const stats = { exact: 0, loose: 0, missed: 0 };
  let reuse = 0;
  const answer = (res: ServerResponse, key: string, list: Answer[]) => {
    const i = used.get(key) ?? 0;
    used.set(key, i + 1);
    const a = list[Math.min(i, list.length - 1)]!;
    // An answer served a second time gets a request id of its own, as a server would give it.
    const headers =
      i < list.length ? a.headers : { ...a.headers, 'x-request-id': `${a.headers['x-request-id']}-${++reuse}` };
    res.writeHead(a.status, { ...headers, 'content-length': a.body.length });
    res.end(a.body);
  };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const exact = exactKey(req, body);
      const hit = recording.exact.get(exact);
      if (hit) {
        stats.exact++;
        return answer(res, exact, hit);
      }
      const loose = looseKey(req);
      const near = recording.loose.get(loose);
      if (near) {
        stats.loose++;
        return answer(res, loose, near);
      }
      stats.missed++;
      const body404 = JSON.stringify({ error: { code: 'resource_not_found', message: 'not recorded' } });
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body404) });
      res.end(body404);
    });
  });
  server.keepAliveTimeout = 10_000;
  const origin = await listen(server);
  return {
    origin,
    stats,
    reset() {
      used.clear();
      stats.exact = stats.loose = stats.missed = 0;
    },
    close: closer(server),
  };
}
