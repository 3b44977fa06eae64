import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMisuse } from '../openapi/errors.ts';
import { mergeResults, readShardResults, writeShardResults, type ShardResults } from './merge.ts';
import { buildReport, reportContent } from './model.ts';
import { sampleRun } from './test-fixtures.ts';

function shards(n: number): ShardResults[] {
  const { meta, results } = sampleRun();
  return Array.from({ length: n }, (_, i) => ({
    meta: {
      ...meta,
      shard: { index: i + 1, count: n },
      started_at: `2025-01-01T00:00:0${i + 1}.000Z`,
      coverage: meta.coverage.map((c) =>
        c.id === 'auth:revoked' ? { ...c, keys: i === 0 ? c.keys : [], covered: i === 0 } : c,
      ),
      not_generated: meta.not_generated.filter((_, j) => j % n === i),
    },
    results: results.filter((_, j) => j % n === i),
  }));
}

function throwsMisuse(f: () => unknown, msg: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(isMisuse(err, 'REPORT_READ_FAILED'), String(err)).toBe(true);
  expect((err as Error).message).toMatch(msg);
}

describe('mergeResults', () => {
  const whole = sampleRun();

  it('merges 3 shards into the same report content as the whole run', () => {
    const merged = mergeResults(shards(3).reverse());
    expect(merged.meta.shard).toBeUndefined();
    expect(merged.meta.started_at).toBe('2025-01-01T00:00:01.000Z');
    expect(JSON.stringify(reportContent(buildReport(merged.meta, merged.results)))).toBe(
      JSON.stringify(reportContent(buildReport(whole.meta, whole.results))),
    );
  });

  it('round-trips shards through results.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'seqconform-shards-'));
    const dirs = shards(3).map((s, i) => {
      const d = join(root, `s${i + 1}`);
      writeShardResults(d, s.meta, s.results);
      return d;
    });
    const merged = mergeResults([
      readShardResults(dirs[0]!),
      readShardResults(join(dirs[1]!, 'results.json')),
      readShardResults(dirs[2]!),
    ]);
    expect(reportContent(buildReport(merged.meta, merged.results))).toEqual(
      reportContent(buildReport(whole.meta, whole.results)),
    );
  });

  it('keeps a case present in two shards once', () => {
    const [a, b] = shards(2);
    const merged = mergeResults([a!, { ...b!, results: [...b!.results, a!.results[0]!] }]);
    expect(merged.results).toHaveLength(whole.results.length);
  });

  it('refuses shards of different runs, duplicates and missing shards', () => {
    const [a, b, c] = shards(3);
    throwsMisuse(() => mergeResults([a!, { ...b!, meta: { ...b!.meta, seed: 7 } }, c!]), /seed is 7/);
    throwsMisuse(() => mergeResults([a!, a!, c!]), /given twice/);
    throwsMisuse(() => mergeResults([a!, c!]), /2 of 3 shards/);
    throwsMisuse(() => mergeResults([]), /no shard results/);
  });
});

describe('readShardResults', () => {
  const root = mkdtempSync(join(tmpdir(), 'seqconform-bad-'));
  it.each([
    ['missing', null, /no such file/],
    ['not json', '{oops', /not JSON/],
    ['wrong shape', '[]', /meta, results/],
    ['old schema', JSON.stringify({ meta: { schema_version: 2 }, results: [] }), /schema_version/],
    ['bad result', JSON.stringify({ meta: sampleRun().meta, results: [{ id: 1 }] }), /results\[0\]/],
  ])('refuses a %s file', (name, text, msg) => {
    const d = join(root, name.replace(/ /g, '-'));
    if (text !== null) {
      writeShardResults(d, sampleRun().meta, []);
      writeFileSync(join(d, 'results.json'), text);
    }
    throwsMisuse(() => readShardResults(d), msg);
  });
});
