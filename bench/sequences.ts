/**
 * `npm run bench:sequences`: what the stateful sequences (issue 17) cost. In one process,
 * alternating so drift hits both alike: the default run against the embedded mock (discovery,
 * matrix, every cell) with and without the sequence kinds, medians of the passes and their ratio
 * (goal: at most 1.10; the issue allows 1.20). `npm run bench:sequences -- MS` measures another replay
 * pause. Writes bench/sequences-results.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { EMBEDDED_REPLAY_PAUSE_MS } from '../generators/matrix-context.ts';
import { executeRun } from '../suites/run.ts';
import { prepareRun } from '../suites/target.ts';

const PASSES = 5;
/** The replay pause measured: the default, or the first argument (ms). */
const PAUSE_MS = process.argv[2] ? Number(process.argv[2]) : EMBEDDED_REPLAY_PAUSE_MS;
/** The sequence kinds of issue 17. */
const SEQUENCE_KINDS = new Set([
  'concurrent_writes',
  'cursor_reuse',
  'interleaved_page_walk',
  'refusals_between_replays',
  'id_variants',
  'replay_after_pause',
]);

interface Timed {
  ms: number;
  cells: number;
  sequences: number;
  requests: number;
  findings: number;
}

async function timed(withSequences: boolean): Promise<Timed> {
  const t0 = performance.now();
  const run = await prepareRun({ seed: 1, replayPauseMs: PAUSE_MS });
  try {
    const scenarios = withSequences ? run.scenarios : run.scenarios.filter((s) => !SEQUENCE_KINDS.has(s.kind));
    const out = await executeRun({ ...run, scenarios });
    return {
      ms: performance.now() - t0,
      cells: out.results.length,
      sequences: scenarios.filter((s) => SEQUENCE_KINDS.has(s.kind)).length,
      requests: out.requests,
      findings: out.results.reduce((n, r) => n + r.findings.length, 0),
    };
  } finally {
    await run.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await timed(false);
await timed(true);
const without: Timed[] = [];
const withSeq: Timed[] = [];
for (let i = 0; i < PASSES; i++) {
  without.push(await timed(false));
  withSeq.push(await timed(true));
}
const a = median(without.map((r) => r.ms));
const b = median(withSeq.map((r) => r.ms));

const text = `# Stateful sequences: cost

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:sequences\` on ${cpus().length} cores, Node ${process.version}. One process; runs alternate between the default run without the sequence kinds (${[...SEQUENCE_KINDS].join(', ')}) and with them; medians of ${PASSES} passes each (after one warm-up of each). The replay pause is ${PAUSE_MS} ms${PAUSE_MS === EMBEDDED_REPLAY_PAUSE_MS ? " (the embedded mock's default; 3000 ms against any other target)" : ` (the embedded mock's default is ${EMBEDDED_REPLAY_PAUSE_MS} ms)`}.

| figure | without the sequences | with them (default) |
|---|---|---|
| cells | ${without[0]!.cells} | ${withSeq[0]!.cells} |
| sequence cells | ${without[0]!.sequences} | ${withSeq[0]!.sequences} |
| requests sent | ${without[0]!.requests} | ${withSeq[0]!.requests} |
| findings against the reference mock | ${without[0]!.findings} | ${withSeq[0]!.findings} |
| median wall time | ${(a / 1000).toFixed(2)} s | ${(b / 1000).toFixed(2)} s |

Ratio with / without the sequences: **${(b / a).toFixed(3)}** (goal: at most 1.10; the issue allows 1.20).
`;
writeFileSync(new URL('./sequences-results.md', import.meta.url), text);
console.log(text);
