import { describe, expect, it } from 'vitest';
import { planKeys } from '../../generators/key-plan.ts';
import { buildMatrix } from '../../generators/matrix.ts';
import { syntheticInventory } from '../../generators/test-inventory.ts';
import { getContract } from '../../openapi/load.ts';
import { checkCatalog } from '../checks/index.ts';
import { buildScenarios, SCENARIO_KINDS, scenarioKind } from './index.ts';

const contract = await getContract();
const inv = syntheticInventory();
const keys = planKeys(inv).map((k) => (k.id.startsWith('full-') ? { ...k, id: `full-${k.org}` } : k));
const scenarios = (mutations: 'all' | 'denied-only' | 'none') =>
  buildScenarios(buildMatrix(contract, inv, keys, { seed: 7, mutations }).ctx);

describe('scenario kinds', () => {
  it('every kind builds cells, with unique content ids, each labelled by its kind', () => {
    const { scenarios: all } = scenarios('all');
    expect(new Set(all.map((s) => s.kind))).toEqual(new Set(SCENARIO_KINDS.map((k) => k.kind)));
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) {
      const k = scenarioKind(s);
      expect(k.resource(s as never).length, s.kind).toBeGreaterThan(0);
      expect(k.because(s as never).length, s.kind).toBeGreaterThan(5);
    }
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });

  it('registers each kind’s check in the catalog, once', () => {
    const ids = checkCatalog().map((c) => c.id);
    for (const k of SCENARIO_KINDS)
      expect(
        ids.filter((id) => id === k.check.id),
        k.kind,
      ).toHaveLength(1);
  });

  it('respects the mutations policy: none runs reads only; denied-only adds denied writes without a follow-up that acts', () => {
    const none = scenarios('none');
    const denied = scenarios('denied-only');
    const reads = ['page_walk', 'foreign_cursor', 'execution_final', 'robustness', 'cursor_reuse', 'id_variants'];
    expect(new Set(none.scenarios.map((s) => s.kind))).toEqual(new Set(reads));
    expect(
      none.scenarios.filter(
        (s) => s.kind === 'robustness' && (s as unknown as { base: { method: string } }).base.method !== 'GET',
      ),
    ).toEqual([]);
    expect(new Set(denied.scenarios.map((s) => s.kind))).toEqual(new Set([...reads, 'denied_write']));
    expect(denied.scenarios.filter((s) => 'followUp' in s)).toEqual([]);
    expect(scenarios('all').scenarios.some((s) => 'followUp' in s)).toBe(true);
  });
});
