/**
 * Baselines: accepted deviations, kept in a JSON or YAML file. A finding an entry matches is
 * reported as accepted (still listed, never hidden); entries that match nothing are stale.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { MisuseError } from '../openapi/errors.ts';
import type { Finding } from '../suites/results.ts';
import type { ComplianceReport } from './model.ts';

/**
 * One accepted deviation. It names a case, a finding group, or both, and may narrow to a
 * check; every field it gives must match.
 */
export interface BaselineEntry {
  case_id?: string;
  finding_id?: string;
  check?: string;
  reason: string;
}

/** A baseline file's content. */
export interface Baseline {
  accepted: BaselineEntry[];
}

const ENTRY_FIELDS = new Set(['case_id', 'finding_id', 'check', 'reason']);

/** The first entry of `baseline` that matches `finding`, if any. */
export function matchBaseline(
  baseline: Baseline,
  finding: Finding & { finding_id: string },
): BaselineEntry | undefined {
  return baseline.accepted.find(
    (e) =>
      (e.case_id === undefined || e.case_id === finding.case_id) &&
      (e.finding_id === undefined || e.finding_id === finding.finding_id) &&
      (e.check === undefined || e.check === finding.check),
  );
}

/** Checks that `value` is a baseline; `where` names the file in errors. */
export function parseBaseline(value: unknown, where: string): Baseline {
  const bad = (at: string, detail: string): MisuseError =>
    new MisuseError(
      'REPORT_READ_FAILED',
      `${where}${at}`,
      detail,
      'expected { accepted: [{ case_id? | finding_id?, check?, reason }] }',
    );
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad('', 'a baseline must be an object');
  const extra = Object.keys(value).filter((k) => k !== 'accepted');
  if (extra.length) throw bad(`: ${extra[0]}`, 'unknown field');
  const given = (value as { accepted?: unknown }).accepted;
  const list = given === undefined || given === null || given === '' ? [] : given;
  if (!Array.isArray(list)) throw bad(': accepted', 'must be a list');
  const accepted = list.map((e: unknown, i): BaselineEntry => {
    const at = `: accepted[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw bad(at, 'an entry must be an object');
    const rec = e as Record<string, unknown>;
    const unknown = Object.keys(rec).find((k) => !ENTRY_FIELDS.has(k));
    if (unknown) throw bad(`${at}.${unknown}`, 'unknown field');
    for (const k of ['case_id', 'finding_id', 'check'] as const)
      if (rec[k] !== undefined && (typeof rec[k] !== 'string' || rec[k] === ''))
        throw bad(`${at}.${k}`, 'must be a non-empty string');
    if (typeof rec.reason !== 'string' || rec.reason.trim() === '')
      throw bad(`${at}.reason`, 'every entry needs a reason');
    if (rec.case_id === undefined && rec.finding_id === undefined)
      throw bad(at, 'an entry must name a case_id or a finding_id');
    const out: BaselineEntry = { reason: rec.reason };
    for (const k of ['case_id', 'finding_id', 'check'] as const) if (typeof rec[k] === 'string') out[k] = rec[k];
    return out;
  });
  return { accepted };
}

/** Reads a baseline file (JSON or YAML). Throws `REPORT_READ_FAILED` when it cannot be read or is malformed. */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MisuseError(
      'REPORT_READ_FAILED',
      file,
      `cannot read the baseline: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let value: unknown;
  try {
    // Failsafe: every scalar is read as the string written, so an id of digits (`12345`, `1e5`) stays that id.
    value = YAML.parse(text, { schema: 'failsafe' });
  } catch (e) {
    throw new MisuseError(
      'REPORT_READ_FAILED',
      file,
      `the baseline is neither JSON nor YAML: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  return parseBaseline(value ?? {}, file);
}

/**
 * A baseline that accepts every open failure (and, with `warnings`, every warning) of `report`,
 * one entry per finding group, for teams adopting the suite on a known-deviant server.
 */
export function baselineFromReport(
  report: ComplianceReport,
  reason: string,
  opts: { warnings?: boolean } = {},
): Baseline {
  const open = [...report.failures, ...(opts.warnings ? report.warnings : [])];
  const ids = [...new Set(open.map((f) => f.finding_id))];
  const groups = new Map(report.findings.map((g) => [g.finding_id, g]));
  return {
    accepted: ids
      .map((id) => ({ finding_id: id, check: groups.get(id)?.check ?? '', reason }))
      .filter((e) => e.check !== '')
      .sort((a, b) => (a.finding_id < b.finding_id ? -1 : a.finding_id > b.finding_id ? 1 : 0)),
  };
}

/** A baseline as YAML text, with a header comment on how entries match. */
export function formatBaseline(baseline: Baseline): string {
  // Every value quoted: an id of digits, or like 1e5 or 0x1f, stays a string for every YAML reader.
  const text = YAML.stringify(baseline, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  return `# seqconform baseline: accepted deviations. An entry matches a finding when every field it gives\n# (case_id, finding_id = a report finding group id, check) is equal; reason is required.\n${text}`;
}
