/**
 * `--shard i/n`: the matrix's cells split so that every shard sends about as many requests. A
 * case sends one request, a scenario as many as its kind estimates (a robustness cell its `runs`),
 * so counting cells would give one shard every page walk and another only single requests.
 */
import type { Case, Scenario } from '../generators/case-types.ts';
import { scenarioKind } from './scenarios/index.ts';

/** Which shard of a run, 1-based. */
export interface Shard {
  index: number;
  count: number;
}

/** About how many requests a cell sends. */
export function estimatedRequests(cell: Case | Scenario): number {
  if ('request' in cell) return 1;
  return Math.max(1, Math.round(scenarioKind(cell).requests(cell)));
}

/**
 * The shard (1-based) of every cell, by id: the heaviest cell first goes to the shard with the
 * fewest estimated requests so far (ties: lowest index, then id order). It depends only on the
 * cells, so every shard of one run, building the same matrix, computes the same split.
 */
export function assignShards(cells: ReadonlyArray<Case | Scenario>, count: number): Map<string, number> {
  const weighted = cells
    .map((c) => ({ id: c.id, w: estimatedRequests(c) }))
    .sort((a, b) => b.w - a.w || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const out = new Map<string, number>();
  for (const { id, w } of weighted) {
    let best = 0;
    for (let i = 1; i < count; i++) if (load[i]! < load[best]!) best = i;
    load[best] = load[best]! + w;
    out.set(id, best + 1);
  }
  return out;
}

/** The cells of `shard` (all of them without one). */
export function cellsOfShard<C extends Case, S extends Scenario>(
  cases: C[],
  scenarios: S[],
  shard: Shard | undefined,
): { cases: C[]; scenarios: S[] } {
  if (!shard) return { cases, scenarios };
  const of = assignShards([...cases, ...scenarios], shard.count);
  const mine = (id: string) => of.get(id) === shard.index;
  return { cases: cases.filter((c) => mine(c.id)), scenarios: scenarios.filter((s) => mine(s.id)) };
}

/** Estimated requests of each shard of `count`, for tests and benchmarks. */
export function shardLoads(cells: ReadonlyArray<Case | Scenario>, count: number): number[] {
  const of = assignShards(cells, count);
  const load = new Array<number>(count).fill(0);
  for (const c of cells) load[of.get(c.id)! - 1]! += estimatedRequests(c);
  return load;
}
