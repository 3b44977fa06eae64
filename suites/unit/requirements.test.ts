import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../checks/index.ts';
import { loadRequirements, normalize, normativeSentences } from '../requirements.ts';

/** The normative contract, beside the checkout (or where this workplace keeps it): never skipped when absent. */
const CONTRACT =
  [resolve(import.meta.dirname, '../../../shared/reference/contract.md'), '/work/shared/reference/contract.md'].find(
    (f) => existsSync(f),
  ) ?? resolve(import.meta.dirname, '../../../shared/reference/contract.md');

describe('the requirements table (openapi/requirements.yaml)', () => {
  const reqs = loadRequirements();

  it('loads: unique ids under known clauses, each with checks and cells, or why it cannot be tested', () => {
    expect(reqs.length).toBeGreaterThan(50);
    for (const r of reqs)
      expect(r.untestable !== undefined || (r.checks.length > 0 && r.cells.length > 0), r.id).toBe(true);
  });

  it('holds every normative sentence of the contract (MUST, MUST NOT, SHOULD, MAY)', () => {
    const contract = readFileSync(CONTRACT, 'utf8');
    const sentences = normativeSentences(contract);
    expect(sentences.length).toBeGreaterThan(25);
    const quoted = new Set(reqs.filter((r) => !r.part_of).map((r) => r.sentence));
    const missing = sentences
      .filter((s) => !quoted.has(normalize(s.sentence)))
      .map((s) => `${s.clause}: ${s.sentence}`);
    expect(missing).toEqual([]);
    // And every sentence it quotes is the contract's, word for word.
    const text = normalize(contract.replace(/^\s*- /gm, ' '));
    expect(reqs.filter((r) => !text.includes(r.sentence)).map((r) => r.id)).toEqual([]);
  });

  it('gives every clause of the contract at least one requirement', () => {
    const clauses = [...new Set(readFileSync(CONTRACT, 'utf8').match(/^- (C-[A-Z]+-\d+[a-z]?):/gm) ?? [])].map((m) =>
      m.slice(2, -1),
    );
    expect(clauses.filter((c) => !reqs.some((r) => r.clause === c))).toEqual([]);
  });

  it('judges every registered check in some requirement', () => {
    const used = new Set(reqs.flatMap((r) => r.checks));
    expect(
      checkCatalog()
        .map((c) => c.id)
        .filter((id) => !used.has(id)),
    ).toEqual([]);
  });
});
