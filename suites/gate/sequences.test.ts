/**
 * The stateful sequences (issue 17) and the mutants only they find: each sequence kind alone kills
 * its mutant with its own check, and the rest of the matrix (every case and every other scenario)
 * finds nothing under the mutant's clauses. The sequences alone stay silent on the reference mock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS } from '../../mock/mutants/index.ts';
import { idempotency, type Idempotency } from '../../mock/parts/idempotency.ts';
import { fail } from '../../mock/types.ts';
import type { CaseResult } from '../results.ts';
import { prepareRun, type PreparedRun } from '../target.ts';
import { runAgainst } from './gate.ts';

const SEED = 1;

/** Each sequence kind, the mutant only it finds, and the check that finds it. */
const SEQUENCES = [
  { kind: 'concurrent_writes', mutant: 'idempotency-race', check: 'concurrent_writes_act_once', alone: true },
  { kind: 'cursor_reuse', mutant: 'cursor-carries-filters', check: 'reused_cursor_follows_request', alone: true },
  // The page walks meet offset cursors too when another cell's write happens to land mid-walk: not alone, but not reliably either.
  {
    kind: 'interleaved_page_walk',
    mutant: 'page-offset-cursors-signed',
    check: 'pages_hold_under_writes',
    alone: false,
  },
  {
    kind: 'refusals_between_replays',
    mutant: 'idempotency-refusal-clears',
    check: 'replay_survives_refusals',
    alone: true,
  },
  { kind: 'id_variants', mutant: 'lookup-case-insensitive', check: 'id_variants_unknown', alone: true },
  { kind: 'replay_after_pause', mutant: 'idempotency-window-short', check: 'replay_survives_pause', alone: true },
  { kind: 'execution_settles', mutant: 'executions-listed-settled-early', check: 'execution_list_agrees', alone: true },
] as const;
const KINDS = new Set<string>(SEQUENCES.map((s) => s.kind));

let run: PreparedRun;
beforeAll(async () => {
  run = await prepareRun({ seed: SEED });
}, 120_000);
afterAll(async () => {
  await run?.close();
});

const sequencesOnly = () => ({ ...run, cases: [], scenarios: run.scenarios.filter((s) => KINDS.has(s.kind)) });
const allButSequences = () => ({ ...run, scenarios: run.scenarios.filter((s) => !KINDS.has(s.kind)) });
const lines = (results: CaseResult[], clauses?: readonly string[]) =>
  results
    .flatMap((r) => r.findings)
    .filter((f) => !clauses || clauses.includes(f.clause))
    .map((f) => `${f.check} ${f.clause} ${f.variant}: ${f.message}`);

describe('stateful sequences', () => {
  it('every sequence kind builds cells on the embedded mock, and they pass the reference mock', async () => {
    const only = sequencesOnly();
    expect(new Set(only.scenarios.map((s) => s.kind))).toEqual(KINDS);
    const results = await runAgainst(only, {}, SEED);
    expect(lines(results)).toEqual([]);
    expect(results.filter((r) => r.verdict !== 'pass')).toEqual([]);
  }, 60_000);

  for (const s of SEQUENCES) {
    const m = MUTANTS.find((x) => x.id === s.mutant)!;
    it(`${s.mutant} is killed by ${s.kind} (${s.check})${s.alone ? ', and by nothing else' : ''}`, async () => {
      const mine = await runAgainst(sequencesOnly(), m.parts, SEED);
      const kills = mine.flatMap((r) => r.findings).filter((f) => f.check === s.check && m.clauses.includes(f.clause));
      expect(kills.length, `${s.mutant}: ${lines(mine).join('\n')}`).toBeGreaterThan(0);
      if (s.alone) expect(lines(await runAgainst(allButSequences(), m.parts, SEED), m.clauses)).toEqual([]);
    }, 120_000);
  }

  it('ids-reused-within-a-tick is killed by concurrent_writes: the creates sent at once got one ID', async () => {
    const m = MUTANTS.find((x) => x.id === 'ids-reused-within-a-tick')!;
    const only = { ...run, cases: [], scenarios: run.scenarios.filter((s) => s.kind === 'concurrent_writes') };
    const kills = (await runAgainst(only, m.parts, SEED))
      .flatMap((r) => r.findings)
      .filter((f) => f.check === 'concurrent_writes_act_once' && f.clause === 'C-STATE-1');
    expect(kills.map((f) => f.expected)).toContain('distinct IDs');
  }, 60_000);

  it('a repeat refused with 409 while the first is in flight warns (contract-notes 52), it does not fail', async () => {
    // A server that holds a lock per Idempotency-Key: repeats arriving within 50 ms of the first answer get 409.
    const answeredAt = new Map<string, number>();
    const locking: Idempotency = {
      check: (ctx, body) => {
        const at = ctx.idempotencyKey === undefined ? undefined : answeredAt.get(`${ctx.key.id} ${ctx.idempotencyKey}`);
        if (at !== undefined && Date.now() - at < 50)
          return fail('idempotency_conflict', 'A request with this Idempotency-Key is in progress.');
        return idempotency.check(ctx, body);
      },
      remember: (ctx, body, status, data) => {
        if (ctx.idempotencyKey !== undefined) answeredAt.set(`${ctx.key.id} ${ctx.idempotencyKey}`, Date.now());
        idempotency.remember(ctx, body, status, data);
      },
    };
    const only = { ...run, cases: [], scenarios: run.scenarios.filter((s) => s.kind === 'concurrent_writes') };
    const results = await runAgainst(only, { idempotency: locking }, SEED);
    const fs = results.flatMap((r) => r.findings);
    expect(fs.some((f) => f.level === 'should' && f.check === 'concurrent_writes_act_once')).toBe(true);
    expect(fs.filter((f) => f.level === 'must').map((f) => f.message)).toEqual([]);
  }, 60_000);
});
