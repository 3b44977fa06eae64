/**
 * The gate of the reference mock: zero failures on it, and every mutant killed by a failure
 * citing one of its declared clauses. Prints the mutation score table and writes it to
 * reports/out/mutation-score.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS } from '../../mock/mutants/index.ts';
import { checkCatalog } from '../checks/index.ts';
import { executeRun } from '../run.ts';
import { prepareRun, type PreparedRun } from '../target.ts';
import { judgeMutant, judgeMutantWithOwnDiscovery, scoreTable, type MutantVerdict } from './gate.ts';

const SEED = 1;
let run: PreparedRun;
const verdicts: MutantVerdict[] = [];

beforeAll(async () => {
  run = await prepareRun({ seed: SEED });
}, 120_000);

afterAll(async () => {
  await run?.close();
  if (!verdicts.length) return;
  const table = scoreTable(verdicts.sort((a, b) => a.id.localeCompare(b.id)));
  console.log(`\n${table}\n`);
  mkdirSync('reports/out', { recursive: true });
  writeFileSync('reports/out/mutation-score.md', `${table}\n`);
});

describe('reference mock', () => {
  it('passes the whole matrix with zero failures and zero warnings', async () => {
    const { results } = await executeRun(run, { concurrency: 32 });
    const findings = results.flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.check} ${f.clause} ${f.operation_id} ${f.variant}: ${f.message}`)).toEqual([]);
    expect(results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(results.length).toBeGreaterThan(1000);
  }, 120_000);
});

describe('mutants', () => {
  it('there are at least 30, with unique ids, each declaring clauses', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
    for (const m of MUTANTS) {
      expect(m.clauses.length).toBeGreaterThan(0);
      expect(Object.keys(m.parts)).toEqual([m.replaces]);
    }
  });
  for (const m of MUTANTS)
    it(`${m.id} (${m.replaces}) is killed by ${m.clauses.join(' or ')}`, async () => {
      const v = await judgeMutant(run, m, SEED);
      verdicts.push(v);
      expect(v.killed, `${m.id} survived: no finding cites ${m.clauses.join(', ')}`).toBe(true);
    }, 120_000);
  // Discovery judges what it meets: mutants whose fault discovery walks into, each run with its own discovery.
  for (const id of ['first-100-refused', 'list-accounts-all-orgs']) {
    const m = MUTANTS.find((x) => x.id === id)!;
    it(`${id}, discovered on its own, is caught by discovery_consistent`, async () => {
      const v = await judgeMutantWithOwnDiscovery(m, SEED);
      verdicts.push({ ...v, id: `${v.id} (own discovery)` });
      expect(v.killedBy.map((k) => k.check), `${id}: ${JSON.stringify(v.killedBy)}`).toContain('discovery_consistent');
    }, 120_000);
  }
  it('every check fires on at least one mutant', () => {
    const fired = new Set(verdicts.flatMap((v) => v.fired));
    expect(checkCatalog().map((c) => c.id).filter((id) => !fired.has(id))).toEqual([]);
  });
});
