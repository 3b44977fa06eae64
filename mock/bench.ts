/**
 * Throughput check of the mock: starts `mock/serve.ts` in a child process (its own core) and
 * sends simple keep-alive GETs from this one with undici.
 * `npx tsx mock/bench.ts [--seconds N] [--connections N] [--pipelining N] [--raw] [--path /accounts/ID]`; `--raw` uses a
 * minimal socket client (much cheaper than undici) so the server, not the client, is the limit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { Pool } from 'undici';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const seconds = Number(flag('--seconds', '5'));
  const connections = Number(flag('--connections', '64'));
  const profileFile = join(mkdtempSync(join(tmpdir(), 'mock-bench-')), 'profile.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'mock/serve.ts', '--port', '0', '--profile-out', profileFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseUrl = await new Promise<string>((ok, ko) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+\/api\/v1)/.exec(out);
      if (m) ok(m[1] as string);
    });
    child.once('exit', (code) => ko(new Error(`mock exited ${code}`)));
  });
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as { keys: Array<{ id: string; secret: string }> };
  const secret = profile.keys.find((k) => k.id === 'main-full')?.secret as string;
  const url = new URL(baseUrl);
  const accounts = (await (
    await fetch(`${baseUrl}/accounts`, { headers: { Authorization: `ApiKey ${secret}` } })
  ).json()) as { data: Array<{ id: string }> };
  const path = `${url.pathname}${flag('--path', `/accounts/${accounts.data[0]?.id}`)}`;
  const pipelining = Number(flag('--pipelining', '1'));
  const pool = new Pool(url.origin, { connections, pipelining });
  let done = 0;
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const r = await pool.request({ method: 'GET', path, headers: { authorization: `ApiKey ${secret}` } });
      await r.body.dump();
      if (r.statusCode === 200) done++;
      else errors++;
    }
  };
  const cpu = () => {
    const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const cpu0 = cpu();
  const rawWorker = () =>
    new Promise<void>((finish) => {
      const req = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ApiKey ${secret}\r\n\r\n`);
      const sock = connect(Number(url.port), url.hostname);
      let buf = '';
      let inflight = 0;
      const fill = () => {
        const batch: Buffer[] = [];
        while (inflight < pipelining && Date.now() < end) {
          batch.push(req);
          inflight++;
        }
        if (batch.length) sock.write(Buffer.concat(batch));
        else if (inflight === 0) {
          sock.end();
          finish();
        }
      };
      sock.setEncoding('latin1');
      sock.on('connect', fill);
      sock.on('data', (d: string) => {
        buf += d;
        for (;;) {
          const h = buf.indexOf('\r\n\r\n');
          if (h < 0) break;
          const m = /content-length: (\d+)/i.exec(buf.slice(0, h));
          const len = Number(m?.[1] ?? 0);
          if (buf.length < h + 4 + len) break;
          if (buf.startsWith('HTTP/1.1 200')) done++;
          else errors++;
          buf = buf.slice(h + 4 + len);
          inflight--;
        }
        fill();
      });
      sock.on('error', () => finish());
    });
  const t0 = Date.now();
  await Promise.all(
    Array.from(
      { length: process.argv.includes('--raw') ? connections : connections * pipelining },
      process.argv.includes('--raw') ? rawWorker : worker,
    ),
  );
  const elapsed = (Date.now() - t0) / 1000;
  const serverCpu = cpu() - cpu0;
  process.stdout.write(
    `${path}: ${done} ok, ${errors} other in ${elapsed.toFixed(1)} s = ${Math.round(done / elapsed)} req/s over ${connections} keep-alive connections; ` +
      `server CPU ${Math.round((serverCpu / elapsed) * 100)}% (${Math.round(done / serverCpu)} req per server CPU-second)\n`,
  );
  await pool.close();
  child.kill('SIGTERM');
}

void main();
