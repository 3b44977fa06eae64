import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../suites/checks/index.ts';
import { CLAUSES, clauseFamily, clauseText, compareClauses, FAMILIES } from './clauses.ts';

// CI clones the repo with shared/ beside it; this checkout has it at /work/shared.
const CONTRACT =
  [new URL('../../shared/reference/contract.md', import.meta.url).pathname, '/work/shared/reference/contract.md'].find(
    (f) => existsSync(f),
  ) ?? '/work/shared/reference/contract.md';

describe('clauses', () => {
  it('has a summary for every clause id of the contract', () => {
    const ids = existsSync(CONTRACT)
      ? [...new Set(readFileSync(CONTRACT, 'utf8').match(/C-[A-Z]+-\d+[a-z]?/g))]
      : Object.keys(CLAUSES);
    expect(ids.length).toBeGreaterThanOrEqual(37);
    for (const id of ids) expect(clauseText(id), id).not.toBe('');
    for (const id of Object.keys(CLAUSES)) expect(ids, id).toContain(id);
  });

  it('has a summary for every clause a check cites', () => {
    for (const c of checkCatalog()) for (const cl of c.clauses) expect(CLAUSES[cl], `${c.id} cites ${cl}`).toBeTruthy();
  });

  it('knows each family and orders clause ids naturally', () => {
    expect(clauseFamily('C-PERM-2b')).toBe('C-PERM');
    expect(clauseFamily('C-SHAPE')).toBe('C-SHAPE');
    for (const id of Object.keys(CLAUSES)) if (!id.startsWith('C-BASE')) expect(FAMILIES).toContain(clauseFamily(id));
    expect(['C-PERM-10', 'C-PERM-2b', 'C-AUTH-3', 'C-PERM-2', 'C-RATE-1', 'C-BASE-1'].sort(compareClauses)).toEqual([
      'C-AUTH-3',
      'C-PERM-2',
      'C-PERM-2b',
      'C-PERM-10',
      'C-RATE-1',
      'C-BASE-1',
    ]);
  });
});
