import { describe, expect, it } from 'vitest';
import { sampleRun } from '../../reports/test-fixtures.ts';
import { collectResults, type ModuleLike } from '../global-setup.ts';
import type { CaseResult } from '../results.ts';

/** Fake vitest modules: tests carrying `meta().seqconform.results`, and some carrying nothing. */
function modules(results: CaseResult[]): ModuleLike[] {
  const half = Math.ceil(results.length / 2);
  const test = (rs: CaseResult[] | undefined) => ({ meta: () => (rs ? { seqconform: { results: rs } } : {}) });
  return [
    { children: { allTests: () => [test(results.slice(0, 3)), test(undefined), test(results.slice(3, half))] } },
    { children: { allTests: () => [test(results.slice(half)), test(undefined)] } },
  ];
}

describe('collectResults (the vitest entry’s report)', () => {
  const { results } = sampleRun();
  it('collects every result from every test, the last result per cell', () => {
    expect(
      collectResults(modules(results))
        .map((r) => r.case_id)
        .sort(),
    ).toEqual(results.map((r) => r.case_id).sort());
    const retried = { ...results[0]!, verdict: 'fail' as const };
    expect(
      collectResults([
        ...modules(results),
        { children: { allTests: () => [{ meta: () => ({ seqconform: { results: [retried] } }) }] } },
      ]).find((r) => r.case_id === retried.case_id)!.verdict,
    ).toBe('fail');
  });
});
