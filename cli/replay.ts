/**
 * `seqconform replay FINDING_ID`: re-sends the request(s) of one finding of a report to the
 * target now, with the profile's secrets (or to the embedded mock, started with the report's
 * seed), judges the answer with the same checks, and prints what the report recorded then next to
 * what the target answers now. The cell is rebuilt from the matrix of the target as discovered
 * now (cells are plain data with ids from content), so a scenario re-sends all its steps.
 * Nothing printed holds a secret: every line goes through the run's Redactor, curl lines carry
 * `$KEY_<id>`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Case, RequestSpec, Scenario } from '../generators/case-types.ts';
import { envName } from '../generators/profile.ts';
import { MisuseError } from '../openapi/errors.ts';
import { getContract } from '../openapi/load.ts';
import type { CaseRow, ReportFinding } from '../reports/model.ts';
import { createEngineContext } from '../suites/engine-context.ts';
import { runCell } from '../suites/engine.ts';
import type { CaseResult, Finding } from '../suites/results.ts';
import { scenarioKind } from '../suites/scenarios/index.ts';
import { prepareRun } from '../suites/target.ts';
import { createTransport, urlOf, type HttpResponse, type Sender, type Transport } from '../suites/transport.ts';
import { createBodyValidator } from '../suites/validate.ts';
import { parseFlags } from './args.ts';
import { writeStdout } from './stdout.ts';

/** What replay reads of a report.json. */
interface ReplayReport {
  seed: number;
  fuzz?: number;
  started_at?: string;
  target: { base_url: string; embedded: boolean };
  mutations: string;
  failures: ReportFinding[];
  warnings: ReportFinding[];
  accepted: ReportFinding[];
  findings: Array<{ finding_id: string }>;
  cases: CaseRow[];
}

/** Reads a report.json; REPORT_READ_FAILED when it is not one. */
function readReport(file: string): ReplayReport {
  let r: ReplayReport;
  try {
    r = JSON.parse(readFileSync(file, 'utf8')) as ReplayReport;
  } catch (e) {
    throw new MisuseError(
      'REPORT_READ_FAILED',
      file,
      (e as Error).message,
      'run seqconform run first, or pass --report',
    );
  }
  if (!r || typeof r !== 'object' || !Array.isArray(r.cases) || !Array.isArray(r.failures))
    throw new MisuseError('REPORT_READ_FAILED', file, 'not a seqconform report.json (no cases or failures)');
  return r;
}

/** The finding's instances (or the cell's findings) and the cell to replay. */
export function resolveFinding(
  report: ReplayReport,
  id: string,
  file: string,
): { caseId: string; then: ReportFinding[]; row: CaseRow | undefined; cells: number } {
  const all = [...report.failures, ...report.warnings, ...(report.accepted ?? [])];
  const group = all.filter((f) => f.finding_id === id).sort((a, b) => a.case_id.localeCompare(b.case_id));
  if (group.length) {
    const caseId = group[0]!.case_id;
    return {
      caseId,
      then: group.filter((f) => f.case_id === caseId),
      row: report.cases.find((c) => c.case_id === caseId),
      cells: new Set(group.map((f) => f.case_id)).size,
    };
  }
  const row = report.cases.find((c) => c.case_id === id);
  if (row) return { caseId: id, then: all.filter((f) => f.case_id === id), row, cells: 1 };
  const known = [...new Set([...(report.findings ?? []).map((g) => g.finding_id), ...all.map((f) => f.finding_id)])];
  throw new MisuseError(
    'CLI_USAGE',
    `replay ${id}`,
    `no finding or cell with this id in ${file}`,
    `finding ids are report.json findings[].finding_id, also in report.md and the run's summary${known.length ? ` (this report: ${known.slice(0, 5).join(', ')}${known.length > 5 ? ', …' : ''})` : ' (this report has no findings)'}; a cell id is report.json cases[].case_id`,
  );
}

const excerpt = (text: string, n = 300) => (text.length > n ? `${text.slice(0, n)}…` : text);

function requestIdOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const id = (JSON.parse(body) as { request_id?: unknown }).request_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The cell's writes: a case that is not a GET, a scenario of a writing kind or on a POST operation. */
function writes(cell: Case | Scenario, postOps: ReadonlySet<string>): boolean {
  if ('request' in cell) return cell.request.method !== 'GET';
  return scenarioKind(cell).writes !== 'none' || postOps.has(cell.operationId);
}

/** Runs `seqconform replay`; returns the exit code. */
export async function replayCommand(argv: string[]): Promise<number> {
  const { flags, positional } = parseFlags('replay', argv, {
    profile: 'string',
    report: 'string',
    'allow-writes': 'boolean',
    scale: 'number',
  });
  if (positional.length !== 1)
    throw new MisuseError('CLI_USAGE', 'replay', 'needs one FINDING_ID', 'seqconform replay FINDING_ID --profile FILE');
  if (flags.scale !== undefined && flags.profile)
    throw new MisuseError(
      'CLI_USAGE',
      'replay --scale',
      'applies to the embedded mock only, not to a --profile target',
    );
  const file = resolve(String(flags.report ?? 'reports/out/latest/report.json'));
  const report = readReport(file);
  const found = resolveFinding(report, positional[0]!, file);
  const run = await prepareRun({
    ...(flags.profile ? { profileFile: String(flags.profile) } : {}),
    seed: report.seed,
    ...(report.fuzz !== undefined ? { fuzz: report.fuzz } : {}),
    ...(flags.scale !== undefined ? { mock: { scale: Number(flags.scale) } } : {}),
  });
  const mask = (s: string) => run.secrets.redactor.mask(s).text;
  const lines: string[] = [];
  const say = (s = '') => lines.push(mask(s));
  try {
    const embedded = run.meta.target.embedded;
    say(
      `Replaying ${found.caseId === positional[0] ? `cell ${found.caseId}` : `finding ${positional[0]} on cell ${found.caseId} (${found.cells === 1 ? '1 cell shows it' : `${found.cells} cells show it`})`}`,
    );
    say(
      `Target now: ${embedded ? `embedded mock at ${run.meta.target.base_url}, seed ${report.seed}` : run.meta.target.base_url}; the report's: ${report.target.embedded ? 'embedded mock' : report.target.base_url}`,
    );
    if (report.target.embedded !== embedded || (!embedded && report.target.base_url !== run.meta.target.base_url))
      say('Warning: the target is not the one the report was made against.');
    say();
    say(`Then (report ${file}${report.started_at ? `, run of ${report.started_at}` : ''}):`);
    const row = found.row;
    if (row)
      say(
        `  ${row.operation_id} as ${row.key_id ?? row.credential}, ${row.variant}: ${row.kind === 'scenario' ? `scenario (${row.clause})` : `expected ${sc(row.expected_status, row.expected_code)} (${row.clause}), got ${sc(row.actual_status, row.actual_code)}`}; ${row.verdict}`,
      );
    for (const f of found.then) say(thenLines(f));
    const curl = found.then[0]?.curl;
    if (curl) {
      say(`  curl (export ${envName(found.then[0]!.key_id ?? 'unknown')}=<the key's secret> first):`);
      say(`    ${curl}`);
    }
    say();
    const cell = run.cases.find((c) => c.id === found.caseId) ?? run.scenarios.find((s) => s.id === found.caseId);
    const discovered = run.discovery.find((d) => d.case_id === found.caseId);
    let now: CaseResult;
    const exchanges: Array<{ method: string; path: string; res: HttpResponse }> = [];
    if (discovered) {
      say('Now: a discovery step; discovery ran again to rebuild the matrix:');
      now = discovered;
    } else if (!cell) {
      say(
        `Now: cell ${found.caseId} is not in the matrix built from the target as discovered now (its data, the profile's keys or the mutations policy ${run.meta.mutations} changed since the report). The recorded curl above is the way left.`,
      );
      await writeStdout(lines.join('\n'));
      return 2;
    } else {
      const contract = await getContract();
      const postOps = new Set(contract.operations.filter((o) => o.method === 'post').map((o) => o.operationId));
      if (writes(cell, postOps) && !embedded && flags['allow-writes'] !== true) {
        say(
          'Now: not sent. This cell writes (a POST) and the target is not the embedded mock: pass --allow-writes to send it. It would carry a fresh Idempotency-Key (the recorded one would only replay the stored answer), so the write may act once more.',
        );
        await writeStdout(lines.join('\n'));
        return 2;
      }
      if (writes(cell, postOps))
        say(
          'Idempotency: every write gets a fresh Idempotency-Key (retries reuse it); the recorded key is not reused, since the server would only replay its stored answer.',
        );
      now = await sendCell(run, cell, exchanges);
      say(`Now (${new Date().toISOString()}):`);
    }
    for (const x of exchanges)
      say(
        `  ${x.method} ${x.path} -> ${sc(x.res.status, codeOf(x.res.json))}, request id ${x.res.headers['x-request-id'] ?? '(none)'}; body ${excerpt(x.res.text)}`,
      );
    say(`  ${now.actual ? `status ${sc(now.actual.status, now.actual.code)}; ` : ''}${now.verdict}`);
    if (now.target_error || now.not_sent) say(`  no usable answer: ${now.target_error ?? now.not_sent}`);
    for (const f of now.findings) say(`  ${f.level.toUpperCase()} ${f.check} ${f.clause}: ${f.message}`);
    const again = now.findings.filter((f) => found.then.some((t) => t.check === f.check && t.clause === f.clause));
    say();
    if (now.verdict === 'error' || now.verdict === 'not_sent') {
      say('Result: not judged (the target gave no usable answer).');
      await writeStdout(lines.join('\n'));
      return 2;
    }
    const still = found.then.length ? again.length > 0 : now.findings.length > 0;
    say(
      still
        ? `Result: STILL DEVIATES: ${[...new Set((again.length ? again : now.findings).map((f) => `${f.check} (${f.clause})`))].join(', ')} fires again.`
        : `Result: not reproduced: ${found.then.length ? 'the finding’s check and clause no longer fire' : 'no finding'} on this cell now.`,
    );
    await writeStdout(lines.join('\n'));
    return still ? 1 : 0;
  } finally {
    await run.close();
  }
}

/** `403 forbidden`, `200`, `-`. */
function sc(status: number | null | undefined, code: string | null | undefined): string {
  return `${status ?? '-'}${code ? ` ${code}` : ''}`;
}

function codeOf(json: unknown): string | undefined {
  const code = (json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

function thenLines(f: ReportFinding | Finding): string {
  const actual = f.actual as { status?: number; code?: string | null; body?: string } | null;
  const rid = requestIdOf(actual?.body);
  return [
    `  ${f.level.toUpperCase()} ${f.check} ${f.clause}: ${f.message}`,
    `    expected ${JSON.stringify(f.expected)}, actual ${actual && typeof actual === 'object' && 'status' in actual ? sc(actual.status, actual.code) : JSON.stringify(actual)}${rid ? `, request id ${rid}` : ''}`,
    ...(actual?.body ? [`    body ${excerpt(actual.body)}`] : []),
  ].join('\n');
}

/** Sends one cell through the engine with a transport that keeps every exchange. */
async function sendCell(
  run: Awaited<ReturnType<typeof prepareRun>>,
  cell: Case | Scenario,
  exchanges: Array<{ method: string; path: string; res: HttpResponse }>,
): Promise<CaseResult> {
  const contract = await getContract();
  const inner = createTransport({
    baseUrl: run.profile.base_url,
    secrets: run.secrets,
    concurrency: 1,
    health: run.health,
    ...(run.limits.requestTimeoutMs ? { requestTimeoutMs: run.limits.requestTimeoutMs } : {}),
    ...(run.limits.ca ? { ca: run.limits.ca } : {}),
  });
  const transport: Transport = {
    baseUrl: inner.baseUrl,
    health: inner.health,
    get sent() {
      return inner.sent;
    },
    close: () => inner.close(),
    async send(req: RequestSpec, sender: Sender, extra?: Record<string, string>) {
      const res = await inner.send(req, sender, extra);
      exchanges.push({ method: req.method, path: urlOf('', req), res });
      return res;
    },
  };
  const ctx = createEngineContext({
    contract,
    validator: createBodyValidator(contract),
    inventory: run.inventory,
    keys: run.profile.keys,
    transport,
    secrets: run.secrets,
  });
  try {
    return await runCell(ctx, cell);
  } finally {
    await transport.close();
  }
}
