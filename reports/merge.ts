/**
 * Shards: each shard of a run writes `results.json` = `{ meta, results }`; merging the shards
 * gives the `{ meta, results }` of the whole run, whose report equals a single run's (timing aside).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoverageRow } from '../generators/key-plan.ts';
import type { Redactor } from '../generators/redaction.ts';
import { MisuseError } from '../openapi/errors.ts';
import { jsonMayHoldSecret, maskDeep } from './guard.ts';
import type { CaseResult, RunMeta } from '../suites/results.ts';
import { byKey, compareStrings, uniqueSorted } from './sort.ts';

/** What one shard (or a whole run) leaves for merging. */
export interface ShardResults {
  meta: RunMeta;
  results: CaseResult[];
  /** Why the shard stopped sending early, if it did. */
  stopped?: string;
  /** Credentials the target echoed, masked where they entered (key, field, places). */
  echoes?: Array<{ key_id: string; field: string; places: number }>;
}

/** The file name shards write. */
export const RESULTS_FILE = 'results.json';

/** Fields every shard of one run shares. */
const SAME: Array<[string, (m: RunMeta) => unknown]> = [
  ['schema_version', (m) => m.schema_version],
  ['tool_version', (m) => m.tool_version],
  ['spec_version', (m) => m.spec_version],
  // Each shard of an embedded run starts its own mock on its own port: only a real target must match.
  ['target', (m) => (m.target.embedded ? 'embedded' : m.target.base_url)],
  ['seed', (m) => m.seed],
  ['strict', (m) => m.strict],
  ['mutations', (m) => m.mutations],
  ['cells_defined', (m) => m.cells_defined],
];

function mergeCoverage(rows: CoverageRow[][]): CoverageRow[] {
  const out = new Map<string, CoverageRow>();
  for (const list of rows)
    for (const r of list) {
      const prev = out.get(r.id);
      out.set(
        r.id,
        prev
          ? { ...prev, keys: uniqueSorted([...prev.keys, ...r.keys]), covered: prev.covered || r.covered }
          : { ...r, keys: uniqueSorted(r.keys) },
      );
    }
  return [...out.values()];
}

/**
 * Merges shard results into one run. The shards must come from one run (same seed, target,
 * versions, policy and matrix size), each once; a case present in two shards is kept once.
 */
export function mergeResults(parts: ShardResults[]): ShardResults {
  if (parts.length === 0) throw new MisuseError('REPORT_READ_FAILED', 'shards', 'there are no shard results to merge');
  const sorted = [...parts].sort((a, b) => (a.meta.shard?.index ?? 0) - (b.meta.shard?.index ?? 0));
  const base = sorted[0]!.meta;
  for (const [i, p] of sorted.entries())
    for (const [field, get] of SAME)
      if (JSON.stringify(get(p.meta)) !== JSON.stringify(get(base)))
        throw new MisuseError(
          'REPORT_READ_FAILED',
          `shard ${p.meta.shard?.index ?? i}`,
          `${field} is ${JSON.stringify(get(p.meta))}, not ${JSON.stringify(get(base))} as in the first shard`,
          'merge the shards of one run only',
        );
  const sharded = sorted.filter((p) => p.meta.shard);
  if (sharded.length) {
    const count = sharded[0]!.meta.shard!.count;
    const seen = new Set<number>();
    for (const p of sharded) {
      const s = p.meta.shard!;
      if (s.count !== count)
        throw new MisuseError(
          'REPORT_READ_FAILED',
          `shard ${s.index}`,
          `it is one of ${s.count} shards, the others of ${count}`,
        );
      if (seen.has(s.index))
        throw new MisuseError('REPORT_READ_FAILED', `shard ${s.index}`, 'the shard is given twice');
      seen.add(s.index);
    }
    if (seen.size < count)
      throw new MisuseError(
        'REPORT_READ_FAILED',
        'shards',
        `${seen.size} of ${count} shards given (indices ${[...seen].sort((a, b) => a - b).join(', ')})`,
        'give every shard of the run',
      );
  }
  const { shard: _shard, ...rest } = base;
  const keys = new Map<string, RunMeta['keys'][number]>();
  for (const p of sorted) for (const k of p.meta.keys) if (!keys.has(k.id)) keys.set(k.id, k);
  const meta: RunMeta = {
    ...rest,
    keys: [...keys.values()].sort(byKey((k) => k.id)),
    coverage: mergeCoverage(sorted.map((p) => p.meta.coverage)),
    not_generated: uniqueSorted(sorted.flatMap((p) => p.meta.not_generated)),
    inventory: {
      ...base.inventory,
      started_at: sorted.map((p) => p.meta.inventory.started_at).sort(compareStrings)[0]!,
      problems: uniqueSorted(sorted.flatMap((p) => p.meta.inventory.problems)),
    },
    started_at: sorted.map((p) => p.meta.started_at).sort(compareStrings)[0]!,
  };
  // Shards select disjoint cells (discovery in the first only), so the selections add up.
  if (sorted.every((p) => p.meta.selected !== undefined))
    meta.selected = sorted.reduce((n, p) => n + p.meta.selected!, 0);
  else delete meta.selected;
  const results = new Map<string, CaseResult>();
  for (const p of sorted) for (const r of p.results) if (!results.has(r.case_id)) results.set(r.case_id, r);
  const stopped = sorted
    .filter((p) => p.stopped)
    .map((p) => (sorted.length > 1 ? `shard ${p.meta.shard?.index ?? '?'}: ${p.stopped}` : p.stopped!));
  const echoes = sorted.flatMap((p) => p.echoes ?? []);
  return {
    meta,
    results: [...results.values()].sort(byKey((r) => r.case_id)),
    ...(stopped.length ? { stopped: stopped.join('; ') } : {}),
    ...(echoes.length ? { echoes } : {}),
  };
}

/**
 * Writes `{ meta, results }` to `dir/results.json` and returns the path. With a `redactor`, every
 * string is masked for every form of every known secret first (see reports/guard.ts).
 */
export function writeShardResults(
  dir: string,
  meta: RunMeta,
  results: CaseResult[],
  opts: { redactor?: Redactor; stopped?: string; echoes?: ShardResults['echoes'] } = {},
): string {
  const shard: ShardResults = {
    meta,
    results,
    ...(opts.stopped ? { stopped: opts.stopped } : {}),
    ...(opts.echoes?.length ? { echoes: opts.echoes } : {}),
  };
  // Serialized once: masked (maskDeep) only when the text may hold a secret, as maskDeep itself decides.
  let text = JSON.stringify(shard);
  if (opts.redactor && jsonMayHoldSecret(text, opts.redactor))
    text = JSON.stringify(maskDeep(shard, opts.redactor).value);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, RESULTS_FILE);
  writeFileSync(file, `${text}\n`);
  return file;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a shard's `results.json` from `path` (the file or its directory). Throws `REPORT_READ_FAILED` when missing or garbled. */
export function readShardResults(path: string): ShardResults {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, RESULTS_FILE);
  } catch {
    throw new MisuseError(
      'REPORT_READ_FAILED',
      path,
      'no such file or directory',
      `a shard directory holds ${RESULTS_FILE}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MisuseError(
      'REPORT_READ_FAILED',
      file,
      code ? `cannot read the shard results: ${code}` : `the shard results are not JSON: ${(e as Error).message}`,
    );
  }
  const bad = (detail: string): MisuseError =>
    new MisuseError('REPORT_READ_FAILED', file, detail, 'expected { meta, results } as written by a seqconform run');
  if (!isObject(value) || !isObject(value.meta) || !Array.isArray(value.results))
    throw bad('not a { meta, results } object');
  const m = value.meta;
  if (m.schema_version !== 1) throw bad(`meta.schema_version is ${JSON.stringify(m.schema_version)}, not 1`);
  for (const [k, t] of [
    ['tool_version', 'string'],
    ['spec_version', 'string'],
    ['seed', 'number'],
    ['strict', 'boolean'],
    ['mutations', 'string'],
    ['cells_defined', 'number'],
    ['started_at', 'string'],
  ] as const)
    if (typeof m[k] !== t) throw bad(`meta.${k} is not a ${t}`);
  if (!isObject(m.target) || typeof m.target.base_url !== 'string') throw bad('meta.target.base_url is missing');
  if (!Array.isArray(m.keys) || !Array.isArray(m.coverage) || !Array.isArray(m.not_generated))
    throw bad('meta.keys, meta.coverage or meta.not_generated is not a list');
  if (!isObject(m.inventory) || !Array.isArray(m.inventory.orgs) || !Array.isArray(m.inventory.problems))
    throw bad('meta.inventory is malformed');
  for (const [i, r] of value.results.entries())
    if (
      !isObject(r) ||
      typeof r.case_id !== 'string' ||
      typeof r.operation_id !== 'string' ||
      !isObject(r.expected) ||
      !Array.isArray(r.findings) ||
      !Array.isArray(r.checks) ||
      typeof r.verdict !== 'string'
    )
      throw bad(`results[${i}] is not a case result`);
  return value as unknown as ShardResults;
}
