/**
 * The mutant gate: the suite must pass the reference mock and kill every mutant of it, each by a
 * finding citing one of the clauses the mutant declares (a failure, or a warning for a SHOULD clause). The matrix is prepared once against
 * the reference mock; every mutant is the same seed with one part replaced, so the inventory
 * (the ground truth of the data) is the same.
 */
import type { MockParts } from '../../mock/app.ts';
import { startMock } from '../../mock/serve.ts';
import type { CaseResult, Finding } from '../results.ts';
import { executeRun } from '../run.ts';
import { parseSelection, selectableCells, selectionVocabulary, selectorMatches } from '../selection.ts';
import { prepareRun, type PreparedRun } from '../target.ts';

/** What the gate needs of a mutant (mock/mutants/index.ts). */
export interface MutantSpec {
  id: string;
  description: string;
  replaces: keyof MockParts;
  clauses: string[];
  parts: Partial<MockParts>;
}

/** The verdict on one mutant. */
export interface MutantVerdict {
  id: string;
  replaces: string;
  clauses: string[];
  killed: boolean;
  /** Checks whose MUST failures cited a declared clause, with counts. */
  killedBy: Array<{ check: string; clause: string; count: number }>;
  /** Findings citing other clauses (collateral). */
  collateral: number;
  /** Every check that fired on this mutant, whatever the clause. */
  fired: string[];
  seconds: number;
}

/** Runs the prepared matrix against a mock built with `parts`; returns its results (with `stopWhen`, those up to the stop). */
export async function runAgainst(
  run: PreparedRun,
  parts: Partial<MockParts>,
  seed: number,
  stopWhen?: (r: CaseResult) => string | undefined,
): Promise<CaseResult[]> {
  const mock = await startMock({ port: 0, seed, parts });
  try {
    for (const k of run.profile.keys)
      mock.admin.provisionKey({
        id: `gate-${k.id}`,
        org: k.org,
        permissions: k.permissions as never,
        revoked: k.revoked,
        secret: run.secrets.get(k.id)!,
      });
    const retargeted: PreparedRun = { ...run, profile: { ...run.profile, base_url: mock.baseUrl } };
    return (await executeRun(retargeted, { concurrency: 32, ...(stopWhen ? { stopWhen } : {}) })).results;
  } finally {
    await mock.close();
  }
}

/**
 * The cells of `run` that `--only <clauses>` would select: those the requirements table names as
 * testing the clauses (their checks' and cell selectors' cells), and those whose expected outcome
 * cites one.
 */
export function cellsTesting(run: PreparedRun, clauses: readonly string[]): PreparedRun {
  const cells = selectableCells(run.cases, run.scenarios, []);
  const vocab = selectionVocabulary(
    [...new Set(cells.map((c) => c.operationId))],
    run.profile.keys.map((k) => k.id),
  );
  const selectors = parseSelection(clauses.join(','), vocab, new Set(cells.map((c) => c.id)));
  const picked = new Set(cells.filter((c) => selectors.some((sel) => selectorMatches(sel, c))).map((c) => c.id));
  return {
    ...run,
    cases: run.cases.filter((c) => picked.has(c.id)),
    scenarios: run.scenarios.filter((s) => picked.has(s.id)),
  };
}

/**
 * Judges one mutant against the matrix prepared on the reference mock. The cells that test the
 * mutant's clauses (what `--only` selects for them, on a fresh mock) go first; only when they do
 * not give the verdict does the whole matrix run, on another fresh mock. Each run stops as soon as
 * the mutant is killed and each check in `mustKill` has killed it too: the verdict is then known,
 * and the rest would only cost time (collateral counts cover the cells run).
 */
export async function judgeMutant(
  run: PreparedRun,
  m: MutantSpec,
  seed: number,
  mustKill: readonly string[] = [],
): Promise<MutantVerdict> {
  const t0 = performance.now();
  const declared = new Set(m.clauses);
  const killers = new Set<string>();
  const verdictKnown = () => killers.size > 0 && mustKill.every((c) => killers.has(c));
  const stopWhen = (r: CaseResult) => {
    for (const f of r.findings) if (declared.has(f.clause)) killers.add(f.check);
    return verdictKnown() ? `the gate has its verdict on ${m.id}` : undefined;
  };
  const first = cellsTesting(run, m.clauses);
  if (first.cases.length + first.scenarios.length > 0) {
    const results = await runAgainst(first, m.parts, seed, stopWhen);
    if (verdictKnown()) return verdictOn(m, results, t0);
    killers.clear();
  }
  return verdictOn(m, await runAgainst(run, m.parts, seed, stopWhen), t0);
}

/**
 * Judges one mutant with its own discovery: the embedded mock built with the mutant's part is
 * discovered and run, so what discovery meets is judged too (discovery cells).
 */
export async function judgeMutantWithOwnDiscovery(m: MutantSpec, seed: number): Promise<MutantVerdict> {
  const t0 = performance.now();
  const run = await prepareRun({ seed, mock: { parts: m.parts } });
  try {
    return verdictOn(m, (await executeRun(run, { concurrency: 32 })).results, t0);
  } finally {
    await run.close();
  }
}

function verdictOn(m: MutantSpec, results: CaseResult[], t0: number): MutantVerdict {
  // A SHOULD clause (C-AUTH-2, C-REQID-4) is caught by a warning; a MUST clause only by a failure.
  const all: Finding[] = results.flatMap((r) => r.findings);
  const declared = new Set(m.clauses);
  const by = new Map<string, { check: string; clause: string; count: number }>();
  for (const f of all.filter((x) => declared.has(x.clause))) {
    const k = `${f.check} ${f.clause}`;
    const e = by.get(k) ?? { check: f.check, clause: f.clause, count: 0 };
    e.count++;
    by.set(k, e);
  }
  const killedBy = [...by.values()].sort((a, b) => b.count - a.count);
  return {
    id: m.id,
    replaces: m.replaces,
    clauses: m.clauses,
    killed: killedBy.length > 0,
    killedBy,
    collateral: all.length - killedBy.reduce((s, x) => s + x.count, 0),
    fired: [...new Set(all.map((f) => f.check))].sort(),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The mutation score table, as Markdown. */
export function scoreTable(verdicts: MutantVerdict[]): string {
  const killed = verdicts.filter((v) => v.killed).length;
  const rows = verdicts.map(
    (v) =>
      `| ${v.id} | ${v.replaces} | ${v.clauses.join(' ')} | ${v.killed ? 'killed' : '**SURVIVED**'} | ${
        v.killedBy
          .slice(0, 2)
          .map((k) => `${k.check} (${k.clause}) ×${k.count}`)
          .join(', ') || '—'
      } |`,
  );
  return [
    `Mutation score: ${killed}/${verdicts.length} killed`,
    '',
    '| mutant | part | declared clauses | verdict | killed by |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
