/**
 * `seqconform`: run the suite, plan keys, start the mock, diff and merge reports.
 * Misuse (bad flags, bad profile, unreachable target) exits 2 with a coded message before any
 * conformance request is sent; a run exits 0 when no MUST failed, 1 when one did.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { isMisuse, MisuseError, MISUSE_CODES } from '../openapi/errors.ts';
import { parseFlags, parseShard } from './args.ts';
import { LIST_LIMIT, runControls, stopAfterFailures } from './run-controls.ts';
import { SELECTOR_KINDS } from '../suites/selector-kinds.ts';
import { REPLAY_HELP } from './replay-help.ts';

const ONLY_HELP = SELECTOR_KINDS.map(
  (k) => `                      ${k.example.padEnd(16)}${k.kind}: ${k.selects}`,
).join('\n');

const HELP: Record<string, string> = {
  main: `seqconform — conformance suite for the Sequence API

Usage: seqconform <command> [flags]

Commands:
  run         run the suite against the embedded mock or a profile's target
  replay      re-send a finding's request(s) and show the answer then and now
  plan-keys   print the key plan: the smallest key set that reaches every class of cell
  mock        start the reference mock server
  diff        compare two report.json files
  merge       join the results of several shards into one report

Run 'seqconform <command> --help' (or -h) for its flags and examples; 'seqconform --version' (-V)
prints the version.
Exit codes: 0 conformant, 1 a MUST failed, 2 the run could not be made (misuse: ${Object.keys(MISUSE_CODES).length} coded errors,
or cells the target never answered).`,
  run: `seqconform run [--profile FILE] [--out DIR] [--seed N] [--strict] [--only SELECTORS]
                [--dry-run [--format text|json]] [--max-failures N] [--max-rps N] [--concurrency N]
                [--baseline FILE] [--shard i/n] [--scale N]

  --profile FILE    target and keys (JSON or YAML); absent: the embedded reference mock
  --out DIR         where report.json, report.html, report.md, junit.xml and results.json go
                    (default reports/out/latest)
  --seed N          seed of the generated parts (default 1); printed, so a run can be repeated
  --strict          SHOULD deviations fail the run too
  --only SELECTORS  comma-separated; a cell is run when any selector matches it:
${ONLY_HELP}
                    A selector that matches no cell is a CLI_USAGE error (exit 2), raised after
                    discovery (the matrix needs the inventory) and before any other request
  --dry-run         discover, build the matrix and list the selected cells (id, group, operation,
                    key, expected status and code, clause; a count per group and operation past
                    ${LIST_LIMIT} cells); send nothing else, write nothing; exit 0
  --format F        with --dry-run: text (default) or json (every cell)
  --max-failures N  stop sending after N failed cells (cells in flight finish); the rest end as
                    not sent, the report says the run stopped early; exit 1
  --max-rps N       cap on requests per second (protects shared staging)
  --concurrency N   requests in flight (default 16)
  --baseline FILE   accepted deviations: matching failures are reported as accepted
  --shard i/n       run one part of the matrix; join the parts with 'seqconform merge'
  --scale N         embedded mock only: multiply its seed data
  --fuzz N          generated requests per robustness cell (default 10; 0: no robustness phase);
                    --seed replays them
  --replay-pause S  seconds a sequence waits before replaying a write (default 3; 0.5 on the embedded mock)

Bounds (a target that misbehaves cannot stall the run or lose a cell):
  --request-timeout S        total deadline of one request, headers and whole body (default 15)
  --max-response-bytes N     largest body read (default 10485760); past either: a target error
  --max-wait S               time the run may spend waiting out 429s and back-off (default 120);
                             after it, cells still throttled end as not sent
  --max-connection-failures N  consecutive connection failures after which the run stops sending
                             and writes a partial report (default 10)
  --max-pages N              pages discovery walks per list (default 100)
  --ca FILE                  PEM certificate(s) of a private CA to trust for an https target
                             (NODE_EXTRA_CA_CERTS=FILE works too)

Every selected cell ends passed, failed, warned, accepted, target error or not sent (with why).
Exit 0: every cell judged and no MUST failed; 1: a MUST failed; 2: cells not judged, or misuse.

Examples:
  seqconform run
  seqconform run --profile staging.yaml --out out/staging --max-rps 50
  seqconform run --only createTransfer --strict
  seqconform run --only C-PERM-5,full-main --dry-run
  seqconform run --profile staging.yaml --max-failures 20`,
  replay: REPLAY_HELP,
  'plan-keys': `seqconform plan-keys [--profile FILE] [--format table|yaml|json]

  Discovers the target's inventory (embedded mock without --profile) and prints the key plan,
  and, with --profile, which classes of cells the profile's keys cannot reach. With --profile the
  printed profile is yours (base_url, keys, secret_env names; never a secret) plus the planned
  keys it lacks, a key of a second organization included.

Examples:
  seqconform plan-keys
  seqconform plan-keys --profile staging.yaml --format yaml > plan.yaml`,
  mock: `seqconform mock [--port N] [--host H] [--seed N] [--scale N] [--profile-out FILE] [--latency-ms N]
                 [--rate-limit-every N] [--transfer-delay-ms N] [--execution-delay-ms N] [--admin-token T]

  Starts the reference mock (a stateful implementation of the contract, two organizations of seeded
  data, default keys, an admin API at /__admin for provisioning keys) until Ctrl-C. See docs/mock.md.

Examples:
  seqconform mock --port 4010 --profile-out mock-profile.yaml
  seqconform mock --port 0 --seed 7 --scale 10 --rate-limit-every 50`,
  diff: `seqconform diff A.json B.json [--fail-on-new] [--strict] [--format text|json]

  What changed from run A to run B: new failures, fixed ones and those still failing, each list
  joined into root causes like the report (one deviation on many operations is one cause),
  authorization and isolation first; coverage and conformance moved. A warning line when the runs
  differ in target, contract version, key ids, seed or fuzz.

  --fail-on-new   exit 1 when B has MUST failures A had not (not accepted by B's baseline)
  --strict        with --fail-on-new, new SHOULD deviations (warnings) fail too
  --format F      text (default) or json: the whole comparison as one JSON object (lists, causes,
                  scores moved, mismatches), with the same exit code

Exit: 0, or 1 under --fail-on-new when there are new failures; 2 on misuse (unreadable report).

Examples:
  seqconform diff out/main/report.json out/branch/report.json
  seqconform diff out/last/report.json out/staging/report.json --fail-on-new
  seqconform diff out/last/report.json out/staging/report.json --format json | jq '.new_failures | length'`,
  merge: `seqconform merge DIR... [--out DIR]

  Joins the results.json of several shards into one report, identical in content to a single run.

Examples:
  seqconform run --shard 1/3 --out out/s1 && seqconform run --shard 2/3 --out out/s2 && seqconform run --shard 3/3 --out out/s3
  seqconform merge out/s1 out/s2 out/s3 --out out/all`,
};

/** How the CLI was loaded: what its commands may use besides the arguments. */
export interface CliEnv {
  /**
   * Gives a thread running mock/worker-entry.ts's bundle (cli/bundle.mjs builds it, and may have
   * started one already): `run` serves the embedded mock from it. Absent: the mock runs in the CLI's thread.
   */
  mockWorker?: () => Worker;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], env: CliEnv = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version' || command === '-V') {
      const { toolVersion } = await import('../suites/target.ts');
      console.log(`seqconform ${toolVersion()}`);
      return 0;
    }
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      console.log(HELP.main);
      if (!command)
        throw new MisuseError('CLI_USAGE', 'seqconform', 'no command given', 'the commands are listed above');
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      if (!HELP[command])
        throw new MisuseError(
          'CLI_USAGE',
          command,
          'unknown command',
          `valid: ${Object.keys(HELP)
            .filter((k) => k !== 'main')
            .join(', ')}`,
        );
      console.log(command === 'mock' ? await mockHelp() : HELP[command]);
      return 0;
    }
    switch (command) {
      case 'run':
        return await runCommand(rest, env);
      case 'replay':
        return await (await import('./replay.ts')).replayCommand(rest);
      case 'plan-keys':
        return await planKeysCommand(rest);
      case 'mock':
        return await mockCommand(rest);
      case 'diff':
        return await diffCommand(rest);
      case 'merge':
        return await mergeCommand(rest);
      default:
        throw new MisuseError(
          'CLI_USAGE',
          command,
          'unknown command',
          `valid: ${Object.keys(HELP)
            .filter((k) => k !== 'main')
            .join(', ')}`,
        );
    }
  } catch (e) {
    if (isMisuse(e)) {
      console.error(`seqconform: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

async function runCommand(argv: string[], env: CliEnv): Promise<number> {
  const { flags } = parseFlags('run', argv, {
    profile: 'string',
    out: 'string',
    seed: 'number',
    strict: 'boolean',
    only: 'string',
    'max-rps': 'number',
    concurrency: 'number',
    baseline: 'string',
    shard: 'string',
    scale: 'number',
    'request-timeout': 'number',
    'max-response-bytes': 'number',
    'max-wait': 'number',
    'max-connection-failures': 'number',
    'max-pages': 'number',
    ca: 'string',
    fuzz: 'number',
    'dry-run': 'boolean',
    format: 'string',
    'max-failures': 'number',
    'replay-pause': 'number',
  });
  const controls = runControls(flags);
  const out = resolve(String(flags.out ?? 'reports/out/latest'));
  const { prepareRun } = await import('../suites/target.ts');
  const { loadBaseline } = await import('../reports/baseline.ts');
  const baseline = flags.baseline ? loadBaseline(String(flags.baseline)) : undefined;
  if (flags.scale && flags.profile)
    throw new MisuseError(
      'CLI_USAGE',
      'run --scale',
      '--scale applies to the embedded mock only, not to a --profile target',
    );
  const positive = (name: string): number | undefined => {
    if (flags[name] === undefined) return undefined;
    const n = Number(flags[name]);
    if (!(n > 0))
      throw new MisuseError('CLI_USAGE', `run --${name}`, `must be greater than 0, got ${String(flags[name])}`);
    return n;
  };
  const requestTimeoutS = positive('request-timeout');
  const maxWaitS = flags['max-wait'] === undefined ? undefined : Number(flags['max-wait']);
  const breaker = positive('max-connection-failures');
  const fuzz = flags.fuzz === undefined ? undefined : Number(flags.fuzz);
  if (fuzz !== undefined && !(Number.isInteger(fuzz) && fuzz >= 0 && fuzz <= 10_000))
    throw new MisuseError(
      'CLI_USAGE',
      'run --fuzz',
      `must be a whole number from 0 to 10000, got ${String(flags.fuzz)}`,
    );
  const options = {
    ...(flags.profile ? { profileFile: String(flags.profile) } : {}),
    seed: Number(flags.seed ?? 1),
    strict: flags.strict === true,
    ...(flags.only !== undefined ? { only: String(flags.only) } : {}),
    ...(flags['max-rps'] !== undefined ? { maxRps: positive('max-rps')! } : {}),
    concurrency: Math.floor(positive('concurrency') ?? 16),
    ...(flags.shard ? { shard: parseShard(String(flags.shard)) } : {}),
    ...(flags.profile
      ? {}
      : {
          mock: {
            ...(flags.scale ? { scale: Number(flags.scale) } : {}),
            ...(env.mockWorker ? { worker: env.mockWorker } : {}),
          },
        }),
    ...(requestTimeoutS ? { requestTimeoutMs: requestTimeoutS * 1000 } : {}),
    ...(positive('max-response-bytes') ? { maxResponseBytes: positive('max-response-bytes') } : {}),
    ...(positive('max-pages') ? { maxPages: Math.floor(positive('max-pages')!) } : {}),
    ...(fuzz !== undefined ? { fuzz } : {}),
    ...(positive('replay-pause') ? { replayPauseMs: positive('replay-pause')! * 1000 } : {}),
    health: {
      ...(maxWaitS !== undefined ? { maxWaitMs: maxWaitS * 1000 } : {}),
      ...(breaker ? { breakerThreshold: Math.floor(breaker) } : {}),
    },
  };
  const { claimOutDir, readCa } = await import('./out-dir.ts');
  const ca = flags.ca ? readCa(String(flags.ca)) : undefined;
  if (options.profileFile) {
    // A bad profile is the first thing to say, before the --out directory is even looked at.
    const [{ loadProfile }, { getContract }, { scopeKinds }] = await Promise.all([
      import('../generators/profile.ts'),
      import('../openapi/load.ts'),
      import('../suites/target.ts'),
    ]);
    loadProfile(options.profileFile, scopeKinds(await getContract()));
  }
  const { createProgress } = await import('./progress.ts');
  const progress = createProgress(process.stderr);
  if (controls.dryRun) {
    const run = await prepareRun({ ...options, ...(ca ? { ca } : {}), progress }).finally(() => progress.end());
    try {
      const { plannedCells, renderDryRun } = await import('./dry-run.ts');
      const { writeStdout } = await import('./stdout.ts');
      await writeStdout(renderDryRun(plannedCells(run), controls.format, run.meta.target.base_url));
      return 0;
    } finally {
      await run.close();
    }
  }
  // Claimed before any request: a run that cannot write its reports must not send anything.
  const release = claimOutDir(out);
  const t0 = performance.now();
  let run: Awaited<ReturnType<typeof prepareRun>>;
  try {
    run = await prepareRun({ ...options, ...(ca ? { ca } : {}), progress });
  } catch (e) {
    progress.end();
    release();
    throw e;
  }
  try {
    const target = run.meta.target.embedded ? `embedded mock at ${run.meta.target.base_url}` : run.meta.target.base_url;
    const total = run.cases.length + run.scenarios.length + run.discovery.length;
    progress.print(
      `seqconform ${run.meta.tool_version}: ${total} cells against ${target}, seed ${run.meta.seed}, mutations ${run.meta.mutations}${options.shard ? `, shard ${options.shard.index}/${options.shard.count}` : ''}`,
    );
    const { executeRun } = await import('../suites/run.ts');
    const outcome = await executeRun(run, {
      health: run.health,
      progress,
      ...(controls.maxFailures ? { stopWhen: stopAfterFailures(controls.maxFailures, run) } : {}),
    });
    progress.phase('reports', null);
    // A run that lost the embedded mock's thread says why, beside what the breaker saw.
    const lost = outcome.stopped ? run.mockFailure?.() : undefined;
    const stopped = lost ? `${outcome.stopped} (${lost})` : outcome.stopped;
    const { buildReport } = await import('../reports/model.ts');
    const { writeReports } = await import('../reports/write.ts');
    const { writeShardResults } = await import('../reports/merge.ts');
    const { renderSummary } = await import('../reports/renderers/summary.ts');
    const redactor = run.secrets.redactor;
    const { maskDeep } = await import('../reports/guard.ts');
    // The guard masks anything the response boundary missed, and the report says where.
    const guarded = maskDeep({ meta: run.meta, results: outcome.results }, redactor);
    const { loadRequirements } = await import('../suites/requirements.ts');
    const report = buildReport(guarded.value.meta, guarded.value.results, {
      requirements: loadRequirements(),
      ...(baseline ? { baseline } : {}),
      durationMs: Math.round(performance.now() - t0),
      ...(stopped ? { stopped } : {}),
      echoes: outcome.echoes,
      masked: guarded.masked,
    });
    const written = writeReports(out, report, { redactor });
    writeShardResults(out, guarded.value.meta, guarded.value.results, {
      redactor,
      ...(stopped ? { stopped } : {}),
      echoes: outcome.echoes,
    });
    progress.end();
    // The terminal shows the report as written: masked like the files.
    console.log(redactor.mask(renderSummary(written.report, out, (performance.now() - t0) / 1000)).text);
    return written.report.outcome.exit;
  } finally {
    await run.close();
    release();
  }
}

async function planKeysCommand(argv: string[]): Promise<number> {
  return (await import('./plan-keys.ts')).planKeysCommand(argv);
}

/** `mock --help`: every flag mock/serve.ts parses, from its own usage text. */
async function mockHelp(): Promise<string> {
  const { USAGE } = await import('../mock/serve.ts');
  const [usage, about, examples] = HELP.mock!.split('\n\n');
  const flags = USAGE.replace(/^usage: .*\n/, '').replace('--help    ', '-h, --help');
  return [usage, about, `Flags:\n${flags}`, examples].join('\n\n');
}

/** The mock runs as its own process, so signals and its exit code are its own; its flags are checked here first. */
async function mockCommand(argv: string[]): Promise<number> {
  const { parseArgs, UsageError } = await import('../mock/serve.ts');
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) throw new MisuseError('CLI_USAGE', 'mock', e.message, "see 'seqconform mock --help'");
    throw e;
  }
  const { spawn } = await import('node:child_process');
  const child = spawn(
    process.execPath,
    // tsx resolved here, not from the working directory: the command works from any directory.
    ['--import', import.meta.resolve('tsx'), resolve(import.meta.dirname, '../mock/serve.ts'), ...argv],
    { stdio: 'inherit' },
  );
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((res) => child.on('exit', (code) => res(code ?? 0)));
}

async function diffCommand(argv: string[]): Promise<number> {
  const { flags, positional } = parseFlags('diff', argv, {
    'fail-on-new': 'boolean',
    strict: 'boolean',
    format: 'string',
  });
  if (positional.length !== 2)
    throw new MisuseError('CLI_USAGE', 'diff', 'needs two report.json files', 'seqconform diff A.json B.json');
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new MisuseError('CLI_USAGE', 'diff --format', `must be text or json, got ${String(format)}`);
  const { readReport, diffReports, renderDiff, diffExitCode } = await import('../reports/diff.ts');
  const d = diffReports(readReport(positional[0]!), readReport(positional[1]!));
  const { writeStdout } = await import('./stdout.ts');
  await writeStdout(format === 'json' ? JSON.stringify(d, null, 2) : renderDiff(d));
  return diffExitCode(d, { failOnNew: flags['fail-on-new'] === true, strict: flags.strict === true });
}

async function mergeCommand(argv: string[]): Promise<number> {
  const { flags, positional } = parseFlags('merge', argv, { out: 'string', baseline: 'string' });
  if (positional.length < 1)
    throw new MisuseError(
      'CLI_USAGE',
      'merge',
      'needs at least one shard directory',
      'seqconform merge DIR... --out DIR',
    );
  const { readShardResults, mergeResults } = await import('../reports/merge.ts');
  const { buildReport } = await import('../reports/model.ts');
  const { writeReports } = await import('../reports/write.ts');
  const { loadBaseline } = await import('../reports/baseline.ts');
  const merged = mergeResults(positional.map((d) => readShardResults(d)));
  const { loadRequirements } = await import('../suites/requirements.ts');
  const report = buildReport(merged.meta, merged.results, {
    requirements: loadRequirements(),
    ...(flags.baseline ? { baseline: loadBaseline(String(flags.baseline)) } : {}),
    ...(merged.stopped ? { stopped: merged.stopped } : {}),
    ...(merged.echoes ? { echoes: merged.echoes } : {}),
  });
  const out = resolve(String(flags.out ?? 'reports/out/merged'));
  mkdirSync(out, { recursive: true });
  const written = writeReports(out, report);
  const { renderSummary } = await import('../reports/renderers/summary.ts');
  // As run does: what was joined on stderr, the summary of the report as written on stdout.
  console.error(
    `seqconform ${merged.meta.tool_version}: merged ${positional.length} shard(s), ${merged.results.length} cells against ${merged.meta.target.base_url}, seed ${merged.meta.seed}, mutations ${merged.meta.mutations}`,
  );
  console.log(renderSummary(written.report, out));
  return written.report.outcome.exit;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/main.ts')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
