/**
 * The mutant gate, in parts that vitest runs in parallel: zero findings on the reference mock (the
 * whole matrix, and each first pass a mutant meets: ./gate.ts `judgeMutant`),
 * every mutant killed by a finding citing one of the clauses it declares, and every check shown
 * to kill its witness mutant (./witnesses.ts). Each part prints its mutation score table and
 * writes it to reports/out/mutation-score-<part>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS } from '../../mock/mutants/index.ts';
import { checkCatalog } from '../checks/index.ts';
import { executeRun } from '../run.ts';
import { prepareRun, type PreparedRun } from '../target.ts';
import { selectableCells, selectCells, selectionVocabulary } from '../selection.ts';
import {
  cellsTesting,
  judgeMutant,
  judgeMutantWithOwnDiscovery,
  runAgainst,
  scoreTable,
  type MutantVerdict,
} from './gate.ts';
import { CHECK_WITNESSES } from './witnesses.ts';

const SEED = 1;

/** Declares part `part` (1-based) of `parts` of the gate. Part 1 also checks the reference mock and the tables. */
export function defineMutantGate(part: number, parts: number): void {
  let run: PreparedRun;
  const verdicts: MutantVerdict[] = [];
  const mine = MUTANTS.filter((_m, i) => i % parts === part - 1);
  const witnessed = (id: string, own: boolean) =>
    Object.entries(CHECK_WITNESSES)
      .filter(([, w]) => w.mutant === id && (w.ownDiscovery ?? false) === own)
      .map(([check]) => check);

  beforeAll(async () => {
    run = await prepareRun({ seed: SEED });
  }, 120_000);

  afterAll(async () => {
    await run?.close();
    if (!verdicts.length) return;
    const table = scoreTable(verdicts.sort((a, b) => a.id.localeCompare(b.id)));
    console.log(`\n${table}\n`);
    mkdirSync('reports/out', { recursive: true });
    writeFileSync(`reports/out/mutation-score-${part}.md`, `${table}\n`);
  });

  if (part === 1) {
    describe('reference mock', () => {
      it('passes the whole matrix with zero failures and zero warnings', async () => {
        const { results } = await executeRun(run, { concurrency: 32 });
        const findings = results.flatMap((r) => r.findings);
        expect(findings.map((f) => `${f.check} ${f.clause} ${f.operation_id} ${f.variant}: ${f.message}`)).toEqual([]);
        expect(results.filter((r) => r.verdict === 'error' || r.verdict === 'not_sent')).toEqual([]);
        expect(results.length).toBeGreaterThan(1000);
      }, 120_000);
      it('every first pass (the cells a mutant meets first) gets zero findings from the reference mock', async () => {
        const passes = new Map<string, PreparedRun>();
        for (const m of MUTANTS) passes.set([...m.clauses].sort().join(','), cellsTesting(run, m.clauses));
        const problems: string[] = [];
        for (const [clauses, first] of passes) {
          if (!first.cases.length && !first.scenarios.length) continue;
          for (const r of await runAgainst(first, {}, SEED))
            problems.push(
              ...r.findings.map(
                (f) => `${clauses}: ${f.check} ${f.clause} ${f.operation_id} ${f.variant}: ${f.message}`,
              ),
              ...(r.verdict === 'error' ? [`${clauses}: error ${r.operation_id} ${r.variant}: ${r.target_error}`] : []),
            );
        }
        expect(problems).toEqual([]);
        expect(passes.size).toBeGreaterThan(10);
      }, 120_000);
    });
    describe('the tables', () => {
      it('at least 30 mutants, unique ids, each declaring clauses and replacing one part', () => {
        expect(MUTANTS.length).toBeGreaterThanOrEqual(30);
        expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
        for (const m of MUTANTS) {
          expect(m.clauses.length).toBeGreaterThan(0);
          expect(Object.keys(m.parts)).toEqual([m.replaces]);
        }
      });
      it("a mutant's first pass is the cells --only with its clauses selects: fewer than the matrix, none outside it", () => {
        const cells = selectableCells(run.cases, run.scenarios, []);
        const vocab = selectionVocabulary(
          [...new Set(cells.map((c) => c.operationId))],
          run.profile.keys.map((k) => k.id),
        );
        const all = run.cases.length + run.scenarios.length;
        let narrowed = 0;
        for (const m of MUTANTS) {
          const first = cellsTesting(run, m.clauses);
          const ids = new Set([...first.cases, ...first.scenarios].map((c) => c.id));
          const expected = new Set<string>();
          for (const clause of m.clauses) {
            try {
              for (const id of selectCells(clause, cells, vocab)) expected.add(id);
            } catch {
              // A clause no cell of this matrix tests: --only would refuse it, and it adds nothing.
            }
          }
          expect(ids, m.id).toEqual(expected);
          if (ids.size < all) narrowed++;
        }
        expect(narrowed).toBeGreaterThan(MUTANTS.length / 2);
      });
      it('every check has a witness mutant, and every witness is a mutant', () => {
        expect(
          checkCatalog()
            .map((c) => c.id)
            .filter((id) => !(CHECK_WITNESSES as Readonly<Record<string, unknown>>)[id]),
        ).toEqual([]);
        expect(Object.values(CHECK_WITNESSES).filter((w) => !MUTANTS.some((m) => m.id === w.mutant))).toEqual([]);
      });
    });
  }

  describe(`mutants, part ${part} of ${parts}`, () => {
    for (const m of mine)
      it(`${m.id} (${m.replaces}) is killed by ${m.clauses.join(' or ')}`, async () => {
        const v = await judgeMutant(run, m, SEED, witnessed(m.id, false));
        verdicts.push(v);
        expect(v.killed, `${m.id} survived: no finding cites ${m.clauses.join(', ')}`).toBe(true);
        for (const check of witnessed(m.id, false))
          expect(
            v.killedBy.map((k) => k.check),
            `${check} must kill its witness ${m.id}`,
          ).toContain(check);
      }, 120_000);
    // Discovery judges what it meets: mutants whose fault discovery walks into, each run with its own discovery.
    for (const id of ['first-100-refused', 'list-accounts-all-orgs'].filter((x) => mine.some((m) => m.id === x))) {
      const m = MUTANTS.find((x) => x.id === id)!;
      it(`${id}, discovered on its own, is caught by discovery_consistent`, async () => {
        const v = await judgeMutantWithOwnDiscovery(m, SEED);
        verdicts.push({ ...v, id: `${v.id} (own discovery)` });
        expect(
          v.killedBy.map((k) => k.check),
          `${id}: ${JSON.stringify(v.killedBy)}`,
        ).toContain('discovery_consistent');
        for (const check of witnessed(m.id, true)) expect(v.killedBy.map((k) => k.check)).toContain(check);
      }, 120_000);
    }
  });
}
