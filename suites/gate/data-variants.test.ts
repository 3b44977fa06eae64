/**
 * Zero false positives on data the reference seed never produces: each data variant
 * (mock/variants/data/) replaces the `store` part with different but conforming data, and is
 * judged with its OWN discovery (the embedded mock built with that part), so the inventory is
 * the variant's data. Every one must get no finding at all.
 */
import { describe, expect, it } from 'vitest';
import { DATA_VARIANTS } from '../../mock/variants/index.ts';
import type { CaseResult } from '../results.ts';
import { executeRun } from '../run.ts';
import { prepareRun } from '../target.ts';

const SEED = 1;

function problems(results: CaseResult[]): string[] {
  return [
    ...results.flatMap((r) =>
      r.findings.map(
        (f) => `${f.level} ${f.check} ${f.clause} ${f.operation_id} ${f.variant} [${f.resource}]: ${f.message}`,
      ),
    ),
    ...results
      .filter((r) => r.verdict === 'error')
      .map((r) => `error ${r.operation_id} ${r.variant}: ${r.target_error ?? ''}`),
  ];
}

describe('data variants', () => {
  it('there are at least 8, with unique ids, each replacing the store only', () => {
    expect(DATA_VARIANTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(DATA_VARIANTS.map((v) => v.id)).size).toBe(DATA_VARIANTS.length);
    for (const v of DATA_VARIANTS) expect(Object.keys(v.parts), v.id).toEqual(['store']);
  });
  for (const v of DATA_VARIANTS)
    it(`${v.id} gets zero findings with its own discovery`, async () => {
      const run = await prepareRun({ seed: SEED, mock: { parts: v.parts } });
      try {
        const { results } = await executeRun(run, { concurrency: 32 });
        expect(problems(results)).toEqual([]);
        expect(results.length).toBeGreaterThan(1000);
      } finally {
        await run.close();
      }
    }, 120_000);
});
