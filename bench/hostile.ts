/**
 * `npm run bench:hostile`: the whole default matrix through `seqconform run` against the
 * reference mock behind a hostile proxy, one fault at a time: wall time, peak RSS of the CLI
 * process, exit code and how many cells were not judged. Figures go to bench/hostile-results.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMock } from '../mock/serve.ts';
import { faults, startHostileProxy, type FaultRule } from '../suites/hostile/proxy.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Runs the CLI in a child process that reports its own peak RSS. */
function runCli(args: string[]): Promise<{ code: number; seconds: number; maxRssMb: number; stdout: string }> {
  const script = `const { main } = await import(${JSON.stringify(join(ROOT, 'cli/main.ts'))}); const code = await main(${JSON.stringify(args)}); process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exit(code);`;
  const t0 = performance.now();
  return new Promise((res) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) =>
      res({
        code: code ?? -1,
        seconds: (performance.now() - t0) / 1000,
        maxRssMb: Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? 0) / 1024,
        stdout,
      }),
    );
  });
}

const isCard = (path: string) => /\/cards\/card_[^/]+$/.test(path);
const SCENARIOS: Array<{ name: string; rules: () => FaultRule[]; args?: string[] }> = [
  { name: 'no fault (the proxy alone)', rules: () => [] },
  {
    name: 'every 10th card read: a body that never ends',
    rules: () => [{ when: (s) => isCard(s.path) && s.n % 10 === 0, fault: faults.endlessBody() }],
    args: ['--request-timeout', '2'],
  },
  {
    name: 'every 5th read: a 60 MB body',
    rules: () => [{ when: (s) => s.method === 'GET' && s.n % 5 === 0, fault: faults.hugeBody(60) }],
  },
  {
    name: 'every 5th filtered list: 10 MB of JSON (3.3 M empty objects)',
    rules: () => {
      const bomb = `{"data":[${'{},'.repeat(3_300_000)}{}]}`;
      return [
        {
          when: (s) => s.method === 'GET' && s.query.has('account_id') && s.n % 5 === 0,
          fault: faults.answer(200, { 'content-type': 'application/json' }, bomb),
        },
      ];
    },
  },
  {
    name: 'transfer lists: has_next_page forever with new cursors',
    rules: () => {
      let k = 0;
      return [
        {
          when: (s) => s.path.endsWith('/transfers') && s.method === 'GET',
          fault: faults.rewrite(
            (json) => ({ ...json, page_info: { has_next_page: true, end_cursor: `c${++k}` } }),
            true,
          ),
        },
      ];
    },
  },
  {
    name: 'every rule read: 429 without Retry-After',
    rules: () => [
      {
        when: (s) => /\/rules\/rule_[^/]+$/.test(s.path),
        fault: faults.answer(
          429,
          { 'content-type': 'application/json' },
          '{"error":{"code":"rate_limited","message":"slow down"}}',
        ),
      },
    ],
    args: ['--max-wait', '20'],
  },
  {
    name: 'the backend dies after 2,000 requests',
    rules: () => {
      let dead = false;
      return [{ when: (s) => (dead ||= s.n >= 2000), fault: faults.reset() }];
    },
  },
];

const mock = await startMock({ port: 0, seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'seqbench-hostile-'));
const lines = [
  '# Hostile targets',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:hostile\` on ${availableParallelism()} cores, Node ${process.version}: \`seqconform run\` over the whole default matrix against the reference mock (seed 1) behind a fault-injecting proxy (suites/hostile/proxy.ts), mutations denied-only. Peak RSS is the CLI process's own.`,
  '',
  '| fault | exit | outcome | cells | not judged | wall | peak RSS | requests through the proxy |',
  '|---|---|---|---|---|---|---|---|',
];
try {
  for (const s of SCENARIOS) {
    const proxy = await startHostileProxy(mock.baseUrl, s.rules());
    const profile = join(dir, 'profile.json');
    writeFileSync(profile, JSON.stringify({ ...mock.profile, base_url: proxy.baseUrl, mutations: 'denied-only' }));
    const out = join(dir, `out-${SCENARIOS.indexOf(s)}`);
    const r = await runCli(['run', '--profile', profile, '--out', out, ...(s.args ?? [])]);
    await proxy.close();
    let report: { outcome: { outcome: string }; summary: { selected: number; errors: number; not_sent: number } };
    try {
      report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as typeof report;
    } catch {
      throw new Error(`${s.name}: no report was written (exit ${r.code}): ${r.stdout}`);
    }
    const row = `| ${s.name}${s.args ? ` (\`${s.args.join(' ')}\`)` : ''} | ${r.code} | ${report.outcome.outcome} | ${report.summary.selected} | ${report.summary.errors + report.summary.not_sent} | ${r.seconds.toFixed(1)} s | ${Math.round(r.maxRssMb)} MB | ${proxy.seen.length} |`;
    console.log(row);
    lines.push(row);
  }
} finally {
  await mock.close();
}
writeFileSync(join(ROOT, 'bench/hostile-results.md'), `${lines.join('\n')}\n`);
