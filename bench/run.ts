/**
 * `npm run bench`: what a user waits for, as ratios measured in one run. Whole `seqconform run`
 * processes (spawn to exit) against the embedded mock and against a replay server that answers
 * from a recording of the mock (bench/replay-server.ts), so the suite's cost shows apart from the
 * mock's; autocannon's ceiling on each server; the engine's own rate (executeRun in this process)
 * against the same ceiling; the time outside the request phase; peak RSS; time and RSS per 1000
 * cells at mock scales 1, 10, 100; `npm test`'s wall time. Writes bench/results.md.
 *
 * Flags: --skip-npm-test (quick runs), --repeat N (whole runs per target, default 3),
 * --scales 1,10,100.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import autocannon from 'autocannon';
import { executeRun } from '../suites/run.ts';
import { scenarioKind } from '../suites/scenarios/index.ts';
import { prepareRun } from '../suites/target.ts';
import { scratch, startMockChild, timeRun, type E2e } from './e2e.ts';
import { startRecorder, startReplay, type Recording } from './replay-server.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const skipNpmTest = argv.includes('--skip-npm-test');
const repeat = Number(flag('--repeat') ?? 3);
const scales = (flag('--scales') ?? '1,10,100').split(',').map(Number);

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Median, and the range when there is more than one figure. */
const spread = (xs: number[], d = 2) =>
  xs.length > 1 ? `${fmt(median(xs), d)} (${fmt(Math.min(...xs), d)}–${fmt(Math.max(...xs), d)})` : fmt(xs[0]!, d);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const lines: string[] = [];
const say = (s = '') => {
  console.log(s);
  lines.push(s);
};
const note = (s: string) => console.error(`bench: ${s} (load ${load()})`);

async function ceiling(origin: string, recording: Recording, seconds = 5, connections = 32): Promise<number> {
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
    requests: recording.reads.slice(0, 2000),
  });
  return result.requests.average;
}

/** One timed pass of the engine: its rate, and the client's CPU per request (every thread of this process). */
interface EnginePass {
  rate: number;
  cpuUsPerRequest: number;
}

/**
 * The engine's own rate: executeRun on one prepared matrix, one warm-up pass, then three timed
 * passes. `paced` runs every selected cell; `unpaced` leaves out the scenario kinds that wait by
 * design (`startsEarly`: the replay after --replay-pause, 3 s off the embedded mock, and an
 * execution polled until it settles), whose wall time is the wait, not the engine.
 */
async function engineRate(profileFile: string, before: () => void = () => {}) {
  const run = await prepareRun({ profileFile, seed: 1, concurrency: 32 });
  const unpacedRun = { ...run, scenarios: run.scenarios.filter((s) => !scenarioKind(s).startsEarly) };
  const pass = async (r: typeof run): Promise<EnginePass> => {
    before();
    const c0 = process.cpuUsage();
    const p = await executeRun(r, { concurrency: 32 });
    const c = process.cpuUsage(c0);
    return { rate: p.requests / p.seconds, cpuUsPerRequest: (c.user + c.system) / p.requests };
  };
  try {
    await pass(run);
    const paced: EnginePass[] = [];
    const unpaced: EnginePass[] = [];
    for (let i = 0; i < 3; i++) {
      paced.push(await pass(run));
      unpaced.push(await pass(unpacedRun));
    }
    return { paced, unpaced, waiting: run.scenarios.length - unpacedRun.scenarios.length };
  } finally {
    await run.close();
  }
}

const loadAtStart = load();
const t00 = performance.now();

note('starting the mock and provisioning the key plan');
const mock = await startMockChild(1);
note('recording one run against the mock');
const recorder = await startRecorder(mock.origin);
const recorded = await timeRun(['--profile', mock.profileFor(recorder.origin, 'record')]);
await recorder.close();
const replay = await startReplay(recorder.recording);
const replayProfile = mock.profileFor(replay.origin, 'replay');

note('whole runs, embedded mock and replay server alternately');
await timeRun([]);
const embedded: E2e[] = [];
const replayed: E2e[] = [];
const replayStats: Array<typeof replay.stats> = [];
for (let i = 0; i < repeat; i++) {
  embedded.push(await timeRun([]));
  replay.reset();
  replayed.push(await timeRun(['--profile', replayProfile]));
  replayStats.push({ ...replay.stats });
}

note('autocannon ceilings');
const ceilReplay = await ceiling(replay.origin, recorder.recording);
const ceilMock = await ceiling(mock.origin, recorder.recording);

note('engine rate');
const engineMock = await engineRate(mock.profileFor());
const engineReplay = await engineRate(replayProfile, () => replay.reset());
await replay.close();
mock.stop();

const byScale = new Map<number, E2e[]>();
for (const s of scales) {
  note(`whole run at --scale ${s}`);
  if (s === 1) byScale.set(1, embedded);
  else byScale.set(s, [await timeRun(['--scale', String(s)])]);
}

let npmTest: { seconds: number; exit: number; tally: string } | undefined;
if (!skipNpmTest) {
  note('npm test');
  const t0 = performance.now();
  const log = join(tmpdir(), `seqbench-npm-test-${process.pid}.log`);
  const fd = openSync(log, 'w');
  const exit = await new Promise<number>((ok) =>
    spawn('npm', ['test'], { stdio: ['ignore', fd, fd] }).on('exit', (c) => ok(c ?? -1)),
  );
  closeSync(fd);
  // vitest's closing lines: how many files and tests passed.
  const tally = stripVTControlCharacters(readFileSync(log, 'utf8'))
    .split('\n')
    .filter((l) => /^\s*(Test Files|Tests)\s/.test(l))
    .map((l) => l.trim())
    .join('; ');
  note(`npm test output in ${log}`);
  npmTest = { seconds: (performance.now() - t0) / 1000, exit, tally };
}
rmSync(scratch, { recursive: true, force: true });

const rate = (r: E2e) => r.requests / r.wall;
const overhead = (r: E2e) => r.toFirstRequest + r.afterLastResponse;
const goal = (ok: boolean) => (ok ? 'met' : '**not met**');

const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
say(`# Benchmark results`);
say();
say(
  `Measured ${date} UTC by \`npm run bench\` on ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; load average ${loadAtStart} at the start, ${load()} at the end (the machine is shared, so absolute times are noisy: the ratios are taken within this run). ${repeat} whole runs per target, alternating; figures are the median with the range in brackets.`,
);
say();
say(`## What a user waits for: \`seqconform run\`, process start to exit, default matrix`);
say();
say(
  `The replay server answers every request from a recording of one run against the mock (${fmt(recorded.requests)} requests; ${replayStats.at(-1)!.exact} answered exactly, ${replayStats.at(-1)!.loose} by method, path and key because a body held the run's nonce, ${replayStats.at(-1)!.missed} not recorded), with no work beyond a map lookup: a run against it costs the suite alone.`,
);
say();
say(`| figure | embedded mock (a worker thread of the CLI process) | replay server (bench process) | goal |`);
say(`|---|---|---|---|`);
const both = (f: (r: E2e) => number, d = 2) => `${spread(embedded.map(f), d)} | ${spread(replayed.map(f), d)}`;
say(`| cells | ${both((r) => r.cells, 0)} | |`);
say(`| cells failed | ${both((r) => r.failed, 0)} | 0 against the mock |`);
say(`| requests | ${both((r) => r.requests, 0)} | |`);
say(`| wall, process start to exit (s) | ${both((r) => r.wall)} | |`);
say(`| start to first request (s) | ${both((r) => r.toFirstRequest)} | |`);
say(`| request phase: first request to last response (s) | ${both((r) => r.requestPhase)} | |`);
say(`| last response to exit (s) | ${both((r) => r.afterLastResponse)} | |`);
const ovE = median(embedded.map(overhead));
const ovR = median(replayed.map(overhead));
say(`| overhead outside the request phase (s) | ${both(overhead)} | ≤ 1.0: ${goal(Math.max(ovE, ovR) <= 1)} |`);
say(`| CPU s before the first request (whole process, every thread) | ${both((r) => r.cpu.before)} | |`);
say(`| CPU s in the request phase (embedded: suite and mock) | ${both((r) => r.cpu.phase)} | |`);
say(`| CPU s after the last response | ${both((r) => r.cpu.after)} | |`);
say(`| requests ÷ wall (req/s) | ${both(rate, 0)} | |`);
say(`| autocannon ceiling on the same server, 32 connections (req/s) | ${fmt(ceilMock)} | ${fmt(ceilReplay)} | |`);
const e2eE = median(embedded.map(rate)) / ceilMock;
const e2eR = median(replayed.map(rate)) / ceilReplay;
say(`| **end to end ÷ ceiling** | ${fmt(e2eE, 3)} | ${fmt(e2eR, 3)} | ≥ 0.10: ${goal(e2eE >= 0.1)} |`);
const rssE = median(embedded.map((r) => r.peakRssMiB));
say(`| peak RSS (MiB) | ${both((r) => r.peakRssMiB, 0)} | ≤ 250: ${goal(rssE <= 250)} |`);
say();
say(`## The engine alone: \`executeRun\` in the benchmark process, 32 in flight`);
say();
say(`Prepared once; one warm-up pass, then three timed passes of each kind, alternated (median, range).`);
say();
const rates = (ps: EnginePass[]) => ps.map((p) => p.rate);
const cpuPerRequest = (ps: EnginePass[]) => ps.map((p) => p.cpuUsPerRequest);
const engM = median(rates(engineMock.unpaced)) / ceilMock;
const engR = median(rates(engineReplay.unpaced)) / ceilReplay;
say(
  `Every pass sends the whole selected matrix except, in the "without the waits" rows, the ${engineMock.waiting} scenarios that wait by design (the replay after \`--replay-pause\`, 3 s off the embedded mock, and an execution polled until it settles, which takes the mock 2 s): their wall time is the wait they are built to make, so with them in, a pass measures the pause, not the engine. The goal is judged without them.`,
);
say();
say(`| figure | mock (child process) | replay server | goal |`);
say(`|---|---|---|---|`);
say(
  `| requests per second, every cell (paced by the waits) | ${spread(rates(engineMock.paced), 0)} | ${spread(rates(engineReplay.paced), 0)} | |`,
);
say(
  `| requests per second, without the waits | ${spread(rates(engineMock.unpaced), 0)} | ${spread(rates(engineReplay.unpaced), 0)} | |`,
);
say(
  `| client CPU µs per request, without the waits (every thread of the bench process) | ${spread(cpuPerRequest(engineMock.unpaced), 0)} | ${spread(cpuPerRequest(engineReplay.unpaced), 0)} | |`,
);
say(`| autocannon ceiling (req/s) | ${fmt(ceilMock)} | ${fmt(ceilReplay)} | |`);
say(`| **engine ÷ ceiling**, without the waits | ${fmt(engM, 3)} | ${fmt(engR, 3)} | ≥ 0.5: ${goal(engM >= 0.5)} |`);
say();
say(`## Scaling: whole runs against the embedded mock at \`--scale\``);
say();
say(
  `Scale 1 is the median of the runs above; larger scales are one run each. The request phase per 1000 cells is the figure the 20 % goal is judged on (the whole run adds the fixed start-up and report cost, which is most of a small run); RSS beyond scale 1 per 1000 cells added shows how memory grows.`,
);
say();
say(
  `| scale | cells | requests | wall s | request phase s | wall s per 1000 cells | request phase s per 1000 cells | peak RSS MiB | RSS MiB per 1000 cells | MiB per 1000 cells added |`,
);
say(`|---|---|---|---|---|---|---|---|---|---|`);
const perK: number[] = [];
const base = { cells: median(embedded.map((r) => r.cells)), rss: rssE };
for (const [s, runs] of byScale) {
  const m = (f: (r: E2e) => number) => median(runs.map(f));
  const k = m((r) => r.cells) / 1000;
  perK.push(m((r) => r.requestPhase) / k);
  const added = s === 1 ? '' : fmt((m((r) => r.peakRssMiB) - base.rss) / ((m((r) => r.cells) - base.cells) / 1000), 2);
  say(
    `| ${s} | ${fmt(m((r) => r.cells))} | ${fmt(m((r) => r.requests))} | ${fmt(
      m((r) => r.wall),
      2,
    )} | ${fmt(
      m((r) => r.requestPhase),
      2,
    )} | ${fmt(m((r) => r.wall) / k, 3)} | ${fmt(m((r) => r.requestPhase) / k, 3)} | ${fmt(m((r) => r.peakRssMiB))} | ${fmt(m((r) => r.peakRssMiB) / k, 1)} | ${added} |`,
  );
}
const perKSpread = (Math.max(...perK) - Math.min(...perK)) / Math.min(...perK);
say();
say(
  `Request phase per 1000 cells varies by ${fmt(perKSpread * 100)} % across scales (goal within 20 %: ${goal(perKSpread <= 0.2)}).`,
);
// What each step up in scale adds, per 1000 cells added: the per-cell cost with the fixed work taken out.
const steps = [...byScale].map(([s, runs]) => ({
  s,
  cells: median(runs.map((r) => r.cells)),
  phase: median(runs.map((r) => r.requestPhase)),
}));
const marginal = steps.slice(1).map((b, i) => {
  const a = steps[i]!;
  return { from: a.s, to: b.s, perK: (b.phase - a.phase) / ((b.cells - a.cells) / 1000) };
});
if (marginal.length) {
  const ms = marginal.map((m) => m.perK);
  say();
  say(
    `The fixed work inside the phase (discovery, the matrix, compiling validators, warming up) is most of a small run, so the figure above falls as the scale grows. Request phase added per 1000 cells added: ${marginal.map((m) => `${m.from} → ${m.to}: ${fmt(m.perK, 3)} s`).join('; ')}${ms.length > 1 ? ` (${fmt(((Math.max(...ms) - Math.min(...ms)) / Math.min(...ms)) * 100)} % apart)` : ''}.`,
  );
}
say();
say(`## \`npm test\``);
say();
say(
  npmTest
    ? `Wall time ${fmt(npmTest.seconds, 0)} s (${fmt(npmTest.seconds / 60, 1)} min), exit ${npmTest.exit} (${npmTest.tally}), measured once in this run (goal ≤ 4 min: ${goal(npmTest.seconds <= 240)}).`
    : `Not measured in this run (--skip-npm-test).`,
);
say();
say(
  `Benchmark wall time ${fmt((performance.now() - t00) / 1000, 0)} s. Where the time goes, and what each change bought: bench/profile-notes.md.`,
);
writeFileSync(new URL('./results.md', import.meta.url), `${lines.join('\n')}\n`);
process.exit(0);
