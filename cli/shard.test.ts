import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-helpers.ts';

const ONLY = 'authn,getCard,listCards,page_walk';

/** The parts of a report that must not depend on how the run was split. */
function content(file: string) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return {
    summary: r.summary,
    score: r.score,
    findings: r.findings,
    failures: r.failures,
    cases: r.cases,
    coverage: r.coverage,
  };
}

describe('sharding', () => {
  it('three shards merge into the same findings, score and cases as one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-shard-'));
    const single = await cli(['run', '--only', ONLY, '--out', join(dir, 'single')]);
    expect(single.code, single.stderr).toBe(0);
    const shards = await Promise.all(
      [1, 2, 3].map((i) => cli(['run', '--only', ONLY, '--shard', `${i}/3`, '--out', join(dir, `s${i}`)])),
    );
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    const merged = await cli([
      'merge',
      join(dir, 's1'),
      join(dir, 's2'),
      join(dir, 's3'),
      '--out',
      join(dir, 'merged'),
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    // merge prints the summary run prints: the same headline and lines, its own paths, no duration.
    const summary = (text: string, out: string) =>
      text.replaceAll(join(dir, out), 'OUT').replace(/ in \d+\.\d s$/m, '');
    expect(merged.stdout.split('\n')[0]).toMatch(/^seqconform PASS: /);
    expect(summary(merged.stdout, 'merged')).toBe(summary(single.stdout, 'single'));
    expect(merged.stderr).toMatch(/merged 3 shard\(s\), \d+ cells against /);
    const a = content(join(dir, 'single', 'report.json'));
    const b = content(join(dir, 'merged', 'report.json'));
    expect(b.cases.length).toBe(a.cases.length);
    expect(b).toEqual(a);
    const parts = [1, 2, 3].map(
      (i) => JSON.parse(readFileSync(join(dir, `s${i}`, 'report.json'), 'utf8')).summary.cases as number,
    );
    expect(parts.filter((n) => n > 0).length).toBeGreaterThan(1);
  }, 240_000);
});
