/**
 * What the benchmark needs to time whole `seqconform run` processes: a mock child with the key
 * plan provisioned over its admin API (so a `--profile` run has the embedded run's keys and
 * matrix), and one run of cli/bin.mjs timed from spawn to exit with bench/probe.mjs preloaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverInventory } from '../generators/inventory.ts';
import { planKeys } from '../generators/key-plan.ts';
import { parseProfile } from '../generators/profile.ts';
import { getContract } from '../openapi/load.ts';
import { fetcher, scopeKinds } from '../suites/target.ts';
import { createTransport } from '../suites/transport.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const now = () => performance.timeOrigin + performance.now();

/** A scratch directory of the benchmark's. */
export const scratch = mkdtempSync(join(tmpdir(), 'seqbench-'));

/** A reference mock in a child process, with the key plan provisioned. */
export interface MockChild {
  proc: ChildProcess;
  origin: string;
  /** The plan's keys with their secrets, as profile entries. */
  keys: Array<Record<string, unknown>>;
  /** Writes a profile of the plan's keys for `origin` (default: this mock) and returns its path. */
  profileFor(origin?: string, name?: string): string;
  stop(): void;
}

/** Starts `mock/serve.ts` at `scale` and provisions the key plan the embedded run would use. */
export async function startMockChild(scale: number): Promise<MockChild> {
  const token = randomBytes(12).toString('hex');
  const own = join(scratch, `mock-${scale}.json`);
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'mock/serve.ts',
      '--port',
      '0',
      '--scale',
      String(scale),
      '--profile-out',
      own,
      '--admin-token',
      token,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`mock at scale ${scale} did not start: ${out}`)), 120_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => reject(new Error(`mock exited with ${code}: ${out}`)));
  });
  const contract = await getContract();
  const mine = parseProfile(JSON.parse(readFileSync(own, 'utf8')), scopeKinds(contract), {});
  const t = createTransport({ baseUrl: mine.profile.base_url, secrets: mine.secrets, concurrency: 16 });
  const inventory = await discoverInventory(contract, mine.profile, fetcher(t)).finally(() => t.close());
  const suffix = randomBytes(3).toString('hex');
  const keys: Array<Record<string, unknown>> = [];
  for (const k of planKeys(inventory)) {
    const r = await fetch(`${base}/__admin/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-token': token },
      body: JSON.stringify({ id: `${k.id}-${suffix}`, org: k.org, permissions: k.permissions, revoked: k.revoked }),
    });
    if (r.status !== 201) throw new Error(`provisioning ${k.id} failed: ${r.status} ${await r.text()}`);
    const { secret } = (await r.json()) as { secret: string };
    keys.push({ id: k.id, secret, org: k.org, ...(k.revoked ? { revoked: true } : {}), permissions: k.permissions });
  }
  return {
    proc,
    origin: base,
    keys,
    profileFor(origin = base, name = 'plan') {
      const file = join(scratch, `${name}-${scale}.json`);
      writeFileSync(file, JSON.stringify({ base_url: `${origin}/api/v1`, mutations: 'all', keys }), { mode: 0o600 });
      return file;
    },
    stop: () => proc.kill('SIGTERM'),
  };
}

/** One `seqconform run`, timed from spawn to exit. Times are in seconds. */
export interface E2e {
  exit: number;
  wall: number;
  /** Process start to the first request created. */
  toFirstRequest: number;
  /** First request to last response. */
  requestPhase: number;
  /** Last response to exit. */
  afterLastResponse: number;
  requests: number;
  /** CPU seconds (every thread) before the first request, in the request phase, after the last response. */
  cpu: { before: number; phase: number; after: number };
  cells: number;
  failed: number;
  peakRssMiB: number;
}

/** Runs `seqconform run ...args` in a child process with bench/probe.mjs preloaded. */
export async function timeRun(args: string[]): Promise<E2e> {
  const out = join(scratch, 'out');
  const t0 = now();
  const proc = spawn(process.execPath, ['--import', './bench/probe.mjs', 'cli/bin.mjs', 'run', '--out', out, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let probe = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const probeOut = proc.stdio[3] as Readable;
  probeOut.on('data', (d: Buffer) => (probe += d.toString()));
  const exit = await new Promise<number>((ok) => proc.on('exit', (code) => ok(code ?? -1)));
  const t1 = now();
  await new Promise<void>((ok) => (probeOut.readableEnded ? ok() : probeOut.on('end', ok)));
  if (!probe)
    throw new Error(`seqconform run ${args.join(' ')} reported nothing (exit ${exit}): ${stderr.slice(-2000)}`);
  const p = JSON.parse(probe) as {
    firstRequest: number;
    lastResponse: number;
    requests: number;
    cpuAtFirst: number;
    cpuAtLast: number;
    cpuAtExit: number;
    maxRssKiB: number;
  };
  const m = /(\d+) cells selected: (\d+) passed, (\d+) failed/.exec(stdout);
  if (!m || exit > 1)
    throw new Error(`seqconform run ${args.join(' ')} exited ${exit}: ${stdout.slice(-1000)} ${stderr.slice(-2000)}`);
  return {
    exit,
    wall: (t1 - t0) / 1000,
    toFirstRequest: (p.firstRequest - t0) / 1000,
    requestPhase: (p.lastResponse - p.firstRequest) / 1000,
    afterLastResponse: (t1 - p.lastResponse) / 1000,
    requests: p.requests,
    cpu: { before: p.cpuAtFirst, phase: p.cpuAtLast - p.cpuAtFirst, after: p.cpuAtExit - p.cpuAtLast },
    cells: Number(m[1]),
    failed: Number(m[3]),
    peakRssMiB: p.maxRssKiB / 1024,
  };
}
