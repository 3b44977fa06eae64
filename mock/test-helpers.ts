/** Helpers for the mock's own tests: start a mock, send plain HTTP requests with fetch. */
import { startMock, type RunningMock, type StartOptions } from './serve.ts';

/** A parsed response. */
export interface Res {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** A started mock with request helpers bound to it. */
export interface Harness {
  mock: RunningMock;
  /** Secret of a default key by id. */
  secret(id: string): string;
  /** Sends a request below the base URL as key `keyId` (or with raw headers). */
  req(
    method: string,
    path: string,
    opts?: { key?: string | null; headers?: Record<string, string>; body?: unknown; rawBody?: string },
  ): Promise<Res>;
  get(key: string | null, path: string, headers?: Record<string, string>): Promise<Res>;
  post(key: string | null, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  /** Seeded names of an organization. */
  named(org: 'main' | 'other'): import('./seed.ts').SeedNames;
}

/** Starts a mock on a free port. */
export async function harness(options: StartOptions = {}): Promise<Harness> {
  const mock = await startMock({ port: 0, ...options });
  const secrets = new Map(mock.profile.keys.map((k) => [k.id, k.secret]));
  const { generateSeed } = await import('./seed.ts');
  const seed = generateSeed({ seed: options.seed ?? 1, scale: options.scale ?? 1 });
  const h: Harness = {
    mock,
    secret(id) {
      const s = secrets.get(id);
      if (!s) throw new Error(`no key ${id}`);
      return s;
    },
    async req(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.key) headers.Authorization = `ApiKey ${h.secret(opts.key)}`;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const r = await fetch(`${mock.baseUrl}${path}`, { method, headers, body });
      const text = await r.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: r.status, headers: r.headers, text, body: parsed };
    },
    get: (key, path, headers) => h.req('GET', path, { key, headers }),
    post: (key, path, body, headers) => h.req('POST', path, { key, body, headers }),
    named(org) {
      return (seed.orgs.find((o) => o.label === org) as import('./seed.ts').OrgSeed).named;
    },
  };
  return h;
}

/** Asserts-free check that a body is exactly an error body with `code` (C-BODY-2, C-PERM-8). */
export function errorShape(res: Res): {
  code: unknown;
  keys: string[];
  errorKeys: string[];
  requestIdMatches: boolean;
} {
  const b = res.body ?? {};
  return {
    code: b.error?.code,
    keys: Object.keys(b).sort(),
    errorKeys: Object.keys(b.error ?? {}).sort(),
    requestIdMatches: b.request_id === res.headers.get('x-request-id'),
  };
}
