import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMisuse } from '../../openapi/errors.ts';
import { loadRequirements } from '../requirements.ts';
import {
  cellSelectorMatches,
  cellSelectorShape,
  parseSelection,
  selectableCells,
  selectCells,
  selectionVocabulary,
  SELECTOR_KINDS,
  type SelectableCell,
  type SelectionVocabulary,
} from '../selection.ts';
import { prepareRun, type PreparedRun } from '../target.ts';

let run: PreparedRun;
let cells: SelectableCell[];
let vocab: SelectionVocabulary;

beforeAll(async () => {
  run = await prepareRun({ fuzz: 1 });
  cells = selectableCells(run.cases, run.scenarios, run.discovery);
  vocab = selectionVocabulary(
    run.meta.operations ?? [],
    run.profile.keys.map((k) => k.id),
  );
}, 60_000);
afterAll(async () => {
  await run?.close();
});

/** The ids of the cells for which `want` holds: what a selector must select, exactly. */
const where = (want: (c: SelectableCell) => boolean) => new Set(cells.filter(want).map((c) => c.id));
const reqCells = (pred: (r: { id: string; clause: string; checks: string[] }) => boolean) =>
  loadRequirements()
    .filter(pred)
    .flatMap((r) => r.cells);

describe('--only: each kind of selector selects exactly its cells', () => {
  it('reads each word as its kind', () => {
    const kinds = parseSelection(
      'C-PERM-5,C-PERM,C-PERM-7.1,getCard,list_order,full-main,authn,page_walk,revoked',
      vocab,
      new Set(),
    ).map((s) => s.kind);
    expect(kinds).toEqual([
      'clause',
      'family',
      'requirement',
      'operation',
      'check',
      'key',
      'group',
      'scenario',
      'text',
    ]);
    expect(parseSelection(cells[5]!.id, vocab, new Set([cells[5]!.id]))[0]!.kind).toBe('cell');
    expect(new Set(SELECTOR_KINDS.map((k) => k.kind)).size).toBe(10);
  });

  it('a clause: cells it decides, and the cells of its requirements', () => {
    const sel = selectCells('C-PERM-5', cells, vocab);
    const own = reqCells((r) => r.clause === 'C-PERM-5');
    expect(sel).toEqual(where((c) => c.clause === 'C-PERM-5' || own.some((s) => cellSelectorMatches(s, c))));
    expect([...sel].length).toBeGreaterThan(100);
    // C-REQID-1 decides no cell's status, yet its requirements name cells: they are selected.
    expect(selectCells('C-REQID-1', cells, vocab).size).toBeGreaterThan(0);
  });

  it('a family: every clause of it', () => {
    const own = reqCells((r) => r.clause.startsWith('C-PERM-'));
    expect(selectCells('C-PERM', cells, vocab)).toEqual(
      where((c) => c.clause.startsWith('C-PERM-') || own.some((s) => cellSelectorMatches(s, c))),
    );
  });

  it('a requirement: the cells its own selectors name', () => {
    const sel = selectCells('C-PERM-7.1', cells, vocab);
    expect(sel).toEqual(
      where((c) => c.kind === 'scenario' && ['denied_write', 'refusals_between_replays'].includes(c.variant)),
    );
    expect(sel.size).toBeGreaterThan(0);
  });

  it('an operation, a key, a group, a scenario kind, a cell id', () => {
    expect(selectCells('getCard', cells, vocab)).toEqual(where((c) => c.operationId === 'getCard'));
    expect(selectCells('full-main', cells, vocab)).toEqual(where((c) => c.keyId === 'full-main'));
    expect(selectCells('authn', cells, vocab)).toEqual(where((c) => c.group === 'authn'));
    expect(selectCells('page_walk', cells, vocab)).toEqual(
      where((c) => c.kind === 'scenario' && c.variant === 'page_walk'),
    );
    const one = cells.find((c) => c.kind === 'case')!;
    expect([...selectCells(one.id, cells, vocab)]).toEqual([one.id]);
  });

  it("a check: its requirements' cells, or the scenarios it judges", () => {
    const own = reqCells((r) => r.checks.includes('list_order'));
    expect(selectCells('list_order', cells, vocab)).toEqual(where((c) => own.some((s) => cellSelectorMatches(s, c))));
    const byCheck = (id: string, judged: (c: SelectableCell) => boolean) => {
      const own = reqCells((r) => r.checks.includes(id));
      return where((c) => judged(c) || own.some((s) => cellSelectorMatches(s, c)));
    };
    expect(selectCells('denied_write_no_effect', cells, vocab)).toEqual(
      byCheck('denied_write_no_effect', (c) => c.kind === 'scenario' && c.variant === 'denied_write'),
    );
    const disc = selectCells('discovery_consistent', cells, vocab);
    expect(disc).toEqual(byCheck('discovery_consistent', (c) => c.kind === 'discovery'));
    for (const c of cells.filter((x) => x.kind === 'discovery')) expect(disc.has(c.id)).toBe(true);
  });

  it('several selectors: the union', () => {
    expect(selectCells('getCard,authn', cells, vocab)).toEqual(
      where((c) => c.operationId === 'getCard' || c.group === 'authn'),
    );
  });

  it('a selector matching no cell is CLI_USAGE naming it, its kind and every kind with an example', () => {
    for (const only of ['no_such_thing', 'getCard,C-PREM-5', 'C-BASE-1.2']) {
      let err: unknown;
      try {
        selectCells(only, cells, vocab);
      } catch (e) {
        err = e;
      }
      expect(isMisuse(err, 'CLI_USAGE'), only).toBe(true);
      const msg = (err as Error).message;
      for (const k of SELECTOR_KINDS) expect(msg).toContain(`${k.kind} e.g. ${k.example}`);
    }
    expect(() => selectCells('getCard,C-PREM-5', cells, vocab)).toThrow(/C-PREM-5 \(read as a text\)/);
    expect(() => selectCells('C-BASE-1.2', cells, vocab)).toThrow(/read as a requirement: untestable/);
    expect(() => selectCells(' , ', cells, vocab)).toThrow(/names no selector/);
  });
});

describe('cellSelectorShape', () => {
  it('cells of one shape match the same requirement selectors, whatever their id and key', () => {
    const selectors = loadRequirements().flatMap((r) => r.cells);
    const first = new Map<string, SelectableCell>();
    let compared = 0;
    for (const c of cells) {
      const shape = cellSelectorShape(c);
      const seen = first.get(shape);
      if (!seen) {
        first.set(shape, c);
        continue;
      }
      compared++;
      for (const s of selectors)
        expect(cellSelectorMatches(s, c), `${c.id} vs ${seen.id}`).toBe(cellSelectorMatches(s, seen));
    }
    expect(compared).toBeGreaterThan(1000);
    // Each field it reads tells shapes apart.
    const c = cells.find((x) => x.kind === 'case')!;
    const shapes = new Set(
      [
        c,
        { ...c, kind: 'scenario' as const },
        { ...c, group: 'x' },
        { ...c, operationId: 'x' },
        { ...c, variant: 'x' },
        { ...c, clause: 'x' },
      ].map(cellSelectorShape),
    );
    expect(shapes.size).toBe(6);
  });
});
