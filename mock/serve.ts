/**
 * Starts the reference mock, in-process ({@link startMock}) or from the command line
 * (`npm run mock -- --port 4010 …`, see {@link USAGE}). Importing this module starts nothing.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminApi, MockProfile } from './admin.ts';
import { createApp, type MockParts } from './app.ts';
import { requestId } from './parts/request-id.ts';
import type { Store } from './store.ts';

/** Options of {@link startMock}. */
export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  scale?: number;
  latencyMs?: number;
  rateLimitEvery?: number;
  transferDelayMs?: number;
  executionDelayMs?: number;
  adminToken?: string;
  bodyLimitBytes?: number;
  /** Parts replacing the defaults (mutants). */
  parts?: Partial<MockParts>;
}

/** A running mock. */
export interface RunningMock {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `…/api/v1`, the base URL of C-BASE-1. */
  baseUrl: string;
  /** `…/__admin` */
  adminUrl: string;
  adminToken: string;
  /** The profile of the default keys, with the real base URL and secrets. */
  profile: MockProfile;
  store: Store;
  admin: AdminApi;
  server: Server;
  /** Stops listening and drops every connection at once. */
  close(): Promise<void>;
}

function clientErrorResponse(status: number, reason: string, message: string): string {
  const rid = requestId(undefined);
  const body = JSON.stringify({ error: { code: 'invalid_request', message }, request_id: rid });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `X-Request-ID: ${rid}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Starts a mock listening on `host:port`. */
export async function startMock(options: StartOptions = {}): Promise<RunningMock> {
  const app = createApp(options.parts ?? {}, options);
  const server = createServer(
    { maxHeaderSize: 64 * 1024, keepAliveTimeout: 10_000, requestTimeout: 120_000 },
    app.handler,
  );
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    socket.end(
      timeout
        ? clientErrorResponse(408, 'Request Timeout', 'The request took too long to arrive.')
        : clientErrorResponse(
            400,
            'Bad Request',
            'The request could not be parsed (malformed or too large request line or headers).',
          ),
    );
  });
  server.maxHeadersCount = 200;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', ko);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostPart}:${port}`;
  const baseUrl = `${url}/api/v1`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl,
    adminUrl: `${url}/__admin`,
    adminToken: app.adminToken,
    profile: app.admin.profile(baseUrl),
    store: app.store,
    admin: app.admin,
    server,
    close() {
      closing ??= new Promise<void>((done) => {
        app.dispose();
        server.close(() => done());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}

/** Writes a profile: JSON when the file name ends in `.json`, else YAML. */
export async function writeProfile(file: string, profile: MockProfile): Promise<void> {
  // yaml is loaded only here: the embedded mock's thread never writes a profile.
  const text = file.endsWith('.json')
    ? `${JSON.stringify(profile, null, 2)}\n`
    : (await import('yaml')).stringify(profile);
  writeFileSync(file, text, { mode: 0o600 });
}

/** Command-line help. */
export const USAGE = `usage: npm run mock -- [options]
  --port N               port to listen on (default 4010; 0 picks a free one)
  --host H               address to bind (default 127.0.0.1)
  --seed N               seed of the deterministic data and default keys (default 1)
  --scale N              multiply the seed data (default 1)
  --profile-out FILE     write a profile with the base URL and the default keys (YAML, or JSON for *.json)
  --latency-ms N         delay every response by N ms
  --rate-limit-every N   answer every Nth API request with 429 rate_limited
  --transfer-delay-ms N  ms before a created transfer is complete (default 2000)
  --execution-delay-ms N ms before a triggered execution is executed (default 2000)
  --admin-token T        token for the X-Admin-Token header of /__admin (default: generated, not shown)
  --help                 show this help`;

/** Thrown for a bad command line. */
export class UsageError extends Error {}

/** Parsed command line. */
export interface CliOptions extends StartOptions {
  profileOut?: string;
  help?: boolean;
}

const NUMERIC: Record<string, keyof StartOptions> = {
  '--port': 'port',
  '--seed': 'seed',
  '--scale': 'scale',
  '--latency-ms': 'latencyMs',
  '--rate-limit-every': 'rateLimitEvery',
  '--transfer-delay-ms': 'transferDelayMs',
  '--execution-delay-ms': 'executionDelayMs',
};

/** Parses `argv` (without node and script); throws {@link UsageError}. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const out: CliOptions = { port: 4010 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const numeric = NUMERIC[flag];
    if (numeric) {
      const v = takeValue();
      if (!/^[0-9]+$/.test(v)) throw new UsageError(`${flag} takes a non-negative integer, got ${JSON.stringify(v)}`);
      const n = Number(v);
      if (numeric === 'port' && n > 65535) throw new UsageError('--port must be 0..65535');
      if (numeric === 'scale' && (n < 1 || n > 10_000)) throw new UsageError('--scale must be 1..10000');
      (out as Record<string, unknown>)[numeric] = n;
    } else if (flag === '--profile-out') out.profileOut = takeValue();
    else if (flag === '--admin-token') {
      const v = takeValue();
      if (!/^[\x21-\x7e]{8,256}$/.test(v)) throw new UsageError('--admin-token must be 8-256 visible ASCII characters');
      out.adminToken = v;
    } else if (flag === '--host') out.host = takeValue();
    else throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
  }
  return out;
}

async function main(argv: readonly string[]): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let mock: RunningMock;
  try {
    mock = await startMock(opts);
  } catch (e) {
    process.stderr.write(`error: cannot listen: ${(e as Error).message}\n`);
    process.exit(1);
  }
  if (opts.profileOut) await writeProfile(resolve(opts.profileOut), mock.profile);
  process.stdout.write(`Sequence mock listening on ${mock.baseUrl}\n`);
  process.stdout.write(
    `admin API at ${mock.adminUrl} (X-Admin-Token ${opts.adminToken ? 'as given' : 'generated, not shown'})\n`,
  );
  if (opts.profileOut) process.stdout.write(`profile written to ${resolve(opts.profileOut)}\n`);
  const stop = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) void main(process.argv.slice(2));
