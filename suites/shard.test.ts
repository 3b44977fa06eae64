import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planKeys } from '../generators/key-plan.ts';
import { buildMatrix } from '../generators/matrix.ts';
import { syntheticInventory } from '../generators/test-inventory.ts';
import { getContract } from '../openapi/load.ts';
import { buildScenarios } from './scenarios/index.ts';
import { assignShards, cellsOfShard, estimatedRequests, shardLoads } from './shard.ts';

const contract = await getContract();
const inv = syntheticInventory();
const keys = planKeys(inv);
const built = buildMatrix(contract, inv, keys, { seed: 7, mutations: 'all', fuzz: 25 });
const cases = built.cases;
const scenarios = buildScenarios(built.ctx).scenarios;
const cells = [...cases, ...scenarios];
const total = cells.reduce((n, c) => n + estimatedRequests(c), 0);

describe('shards balanced by estimated requests', () => {
  it('estimates one request per case, several per scenario, runs per robustness cell', () => {
    for (const c of cases) expect(estimatedRequests(c)).toBe(1);
    const robust = scenarios.filter((s) => s.kind === 'robustness');
    expect(robust.length).toBeGreaterThan(0);
    for (const s of robust) expect(estimatedRequests(s)).toBe(25);
    const walks = scenarios.filter((s) => s.kind === 'page_walk').map(estimatedRequests);
    expect(Math.max(...walks)).toBeGreaterThan(1);
  });

  it.each([2, 3, 5, 8])('%i shards differ by at most one largest cell and 2 % of the requests', (n) => {
    const loads = shardLoads(cells, n);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(total);
    const spread = Math.max(...loads) - Math.min(...loads);
    const heaviest = Math.max(...cells.map(estimatedRequests));
    expect(spread).toBeLessThanOrEqual(heaviest);
    expect(spread / (total / n)).toBeLessThan(0.02);
  });

  it('puts every cell in exactly one shard, the same whatever order the cells come in', () => {
    const n = 3;
    const parts = [1, 2, 3].map((index) => cellsOfShard(cases, scenarios, { index, count: n }));
    const ids = parts.flatMap((p) => [...p.cases, ...p.scenarios].map((c) => c.id));
    expect(ids.length).toBe(cells.length);
    expect(new Set(ids).size).toBe(cells.length);
    expect(assignShards([...cells].reverse(), n)).toEqual(assignShards(cells, n));
    expect(cellsOfShard(cases, scenarios, undefined)).toEqual({ cases, scenarios });
  });

  it('stays balanced when robustness cells are few and very heavy (--fuzz 400)', () => {
    const heavy = buildMatrix(contract, inv, keys, { seed: 7, mutations: 'all', fuzz: 400 });
    const all = [...heavy.cases, ...buildScenarios(heavy.ctx).scenarios];
    const sum = all.reduce((n, c) => n + estimatedRequests(c), 0);
    for (const n of [2, 3, 4]) {
      const loads = shardLoads(all, n);
      expect((Math.max(...loads) - Math.min(...loads)) / (sum / n), `${n} shards: ${loads.join(', ')}`).toBeLessThan(
        0.02,
      );
      // A split by id hash (as before) and equal cell counts leaves far more apart.
      const byHash = new Array<number>(n).fill(0);
      for (const c of all)
        byHash[Number.parseInt(createHash('sha256').update(c.id).digest('hex').slice(0, 8), 16) % n]! +=
          estimatedRequests(c);
      expect(Math.max(...byHash) - Math.min(...byHash)).toBeGreaterThan(5 * (Math.max(...loads) - Math.min(...loads)));
    }
  });
});
