/** `run`'s --dry-run, --format and --max-failures: read and checked before anything is sent. */
import { MisuseError } from '../openapi/errors.ts';
import type { CaseResult } from '../suites/results.ts';
import { selectorKindsHint } from '../suites/selector-kinds.ts';

/** Past this many cells the --dry-run text listing is a summary per group and operation. */
export const LIST_LIMIT = 300;

/** What --dry-run, --format and --max-failures ask for. */
export interface RunControls {
  dryRun: boolean;
  format: 'text' | 'json';
  /** Stop sending after this many failed cells. */
  maxFailures?: number;
}

/** Reads the flags; a bad value (or an empty --only) is CLI_USAGE, before anything is sent. */
export function runControls(flags: Record<string, string | number | boolean>): RunControls {
  if (
    flags.only !== undefined &&
    !String(flags.only)
      .split(',')
      .some((p) => p.trim())
  )
    throw new MisuseError('CLI_USAGE', 'run --only', 'names no selector', `kinds: ${selectorKindsHint()}`);
  const dryRun = flags['dry-run'] === true;
  const format = String(flags.format ?? 'text');
  if (format !== 'text' && format !== 'json')
    throw new MisuseError('CLI_USAGE', 'run --format', `unknown format ${format}`, 'valid: text, json');
  if (flags.format !== undefined && !dryRun)
    throw new MisuseError('CLI_USAGE', 'run --format', 'applies to --dry-run only (the run writes every format)');
  const raw = flags['max-failures'];
  if (raw === undefined) return { dryRun, format };
  const n = Number(raw);
  if (!(Number.isInteger(n) && n >= 1))
    throw new MisuseError(
      'CLI_USAGE',
      'run --max-failures',
      `must be a whole number of at least 1, got ${String(raw)}`,
    );
  if (dryRun) throw new MisuseError('CLI_USAGE', 'run --max-failures', 'a --dry-run sends nothing, so nothing fails');
  return { dryRun, format, maxFailures: n };
}

/** Why a run stops early under --max-failures. */
export function maxFailuresReason(n: number): string {
  return `stopped after ${n} failure${n === 1 ? '' : 's'} (--max-failures)`;
}

/**
 * The engine's stopWhen for --max-failures: failed cells counted from the discovery steps on; the
 * cells in flight when the count is reached still end, the rest are not sent with the reason.
 */
export function stopAfterFailures(
  n: number,
  run: { discovery: readonly CaseResult[]; health: { stop(why: string): void } },
): (r: CaseResult) => string | undefined {
  let failed = run.discovery.filter((d) => d.verdict === 'fail').length;
  if (failed >= n) run.health.stop(maxFailuresReason(n));
  return (r) => {
    if (r.verdict === 'fail') failed++;
    return failed >= n ? maxFailuresReason(n) : undefined;
  };
}
