/**
 * `npm run bench:robustness`: what the robustness phase costs and what it finds. In one process,
 * alternating so drift hits both alike: the default run against the embedded mock (discovery,
 * matrix, every cell) with `--fuzz 0` and with the default budget, five passes each, medians and
 * their ratio (goal: at most 1.15). Then, at the default budget, seed 1, the robustness cells
 * against each robustness mutant: the cells that find it and the requests sent. Writes
 * bench/robustness-results.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { DEFAULT_FUZZ } from '../generators/matrix-context.ts';
import { MUTANTS } from '../mock/mutants/index.ts';
import { executeRun } from '../suites/run.ts';
import { prepareRun, type RunOptions } from '../suites/target.ts';

const PASSES = 7;

async function timed(opts: RunOptions): Promise<{ ms: number; cells: number; requests: number; findings: number }> {
  const t0 = performance.now();
  const run = await prepareRun(opts);
  try {
    const out = await executeRun(run);
    const ms = performance.now() - t0;
    return {
      ms,
      cells: out.results.length,
      requests: out.requests,
      findings: out.results.reduce((n, r) => n + r.findings.length, 0),
    };
  } finally {
    await run.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await timed({ seed: 1, fuzz: 0 });
await timed({ seed: 1, fuzz: DEFAULT_FUZZ });
const without: Awaited<ReturnType<typeof timed>>[] = [];
const withPhase: Awaited<ReturnType<typeof timed>>[] = [];
for (let i = 0; i < PASSES; i++) {
  without.push(await timed({ seed: 1, fuzz: 0 }));
  withPhase.push(await timed({ seed: 1, fuzz: DEFAULT_FUZZ }));
}
const a = median(without.map((r) => r.ms));
const b = median(withPhase.map((r) => r.ms));

const rows: string[] = [];
for (const m of MUTANTS.filter((x) =>
  [
    'id-with-slash-crashes',
    'repeated-query-crashes',
    'deep-body-crashes',
    'non-finite-amount-crashes',
    'method-not-allowed-crashes',
    'accept-header-crashes',
  ].includes(x.id),
)) {
  const run = await prepareRun({ seed: 1, only: 'robustness', mock: { parts: m.parts } });
  try {
    const out = await executeRun(run);
    const found = out.results.filter((r) => r.findings.some((f) => f.check === 'robust_on_unusual_requests'));
    rows.push(`| ${m.id} | ${found.length} of ${out.results.length} | ${out.requests} |`);
  } finally {
    await run.close();
  }
}

const text = `# Robustness phase: cost and reach

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:robustness\` on ${cpus().length} cores, Node ${process.version}. One process; runs alternate between \`--fuzz 0\` and the default \`--fuzz ${DEFAULT_FUZZ}\`; medians of ${PASSES} passes each (after one warm-up of each).

## Cost of the default run (embedded mock: discovery, matrix, every cell)

| figure | --fuzz 0 | --fuzz ${DEFAULT_FUZZ} (default) |
|---|---|---|
| cells | ${without[0]!.cells} | ${withPhase[0]!.cells} |
| requests sent | ${without[0]!.requests} | ${withPhase[0]!.requests} |
| findings against the reference mock | ${without[0]!.findings} | ${withPhase[0]!.findings} |
| median wall time | ${(a / 1000).toFixed(2)} s | ${(b / 1000).toFixed(2)} s |

Ratio default / without the phase: **${(b / a).toFixed(3)}** (goal: at most 1.15).

## Robustness mutants at the default budget, seed 1 (robustness cells only)

| mutant | cells that find it | requests sent (shrinking included) |
|---|---|---|
${rows.join('\n')}
`;
writeFileSync(new URL('./robustness-results.md', import.meta.url), text);
console.log(text);
