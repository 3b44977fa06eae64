/**
 * What `--only` selects: comma-separated selectors, each read as one kind (a clause, a clause
 * family, a requirement, an operation, a check, a key, a suite group, a scenario kind, a cell id,
 * or else a piece of text). A cell is selected when any selector matches it; a selector that
 * matches no cell of the matrix is a coded misuse error listing the kinds with examples.
 * Requirements select through their own cell selectors (openapi/requirements.yaml), never a
 * second mapping.
 */
import { FAMILIES, isClauseId } from '../openapi/clauses.ts';
import { MisuseError } from '../openapi/errors.ts';
import { selectorKindsHint, type SelectorKind } from './selector-kinds.ts';

export { SELECTOR_KINDS, selectorKindsHint, type SelectorKind } from './selector-kinds.ts';
import type { Case, Group, Scenario } from '../generators/case-types.ts';
import { checkCatalog, DISCOVERY_CHECK } from './checks/index.ts';
import { loadRequirements, type CellSelector, type Requirement } from './requirements.ts';
import type { CaseResult } from './results.ts';
import { scenarioKind, SCENARIO_KINDS } from './scenarios/index.ts';

/** A cell as selection sees it: a matrix case, a scenario or a discovery step. */
export interface SelectableCell {
  id: string;
  kind: 'case' | 'scenario' | 'discovery';
  group: string;
  operationId: string;
  keyId: string | null;
  /** The case's variant; a scenario's kind; `discovery`. */
  variant: string;
  /** The expected clause. */
  clause: string;
}

/** The words selectors are read against. */
export interface SelectionVocabulary {
  operations: readonly string[];
  keys: readonly string[];
  requirements: readonly Requirement[];
  /** Every check id; and the scenario kind each scenario check judges. */
  checks: ReadonlyArray<{ id: string; scenario?: string; discovery?: boolean }>;
  groups: readonly string[];
  scenarioKinds: readonly string[];
}

/** One selector of `--only`, read as one kind. */
export interface Selector {
  text: string;
  kind: SelectorKind;
  /** Requirement cell selectors it stands for (clauses, families, requirements and checks). */
  cells?: readonly CellSelector[];
}

/** Reads each comma-separated part of `only` as the first kind it names. */
export function parseSelection(only: string, vocab: SelectionVocabulary, cellIds: ReadonlySet<string>): Selector[] {
  const parts = only
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw new MisuseError('CLI_USAGE', '--only', 'names no selector', `kinds: ${selectorKindsHint()}`);
  return parts.map((text): Selector => {
    if (isClauseId(text))
      return {
        text,
        kind: 'clause',
        cells: vocab.requirements.filter((r) => r.clause === text).flatMap((r) => r.cells),
      };
    if ((FAMILIES as readonly string[]).includes(text) || text === 'C-BASE')
      return {
        text,
        kind: 'family',
        cells: vocab.requirements.filter((r) => r.clause.startsWith(`${text}-`)).flatMap((r) => r.cells),
      };
    const req = vocab.requirements.find((r) => r.id === text);
    if (req) return { text, kind: 'requirement', cells: req.cells };
    if (vocab.operations.includes(text)) return { text, kind: 'operation' };
    const check = vocab.checks.find((c) => c.id === text);
    if (check)
      return {
        text,
        kind: 'check',
        cells: [
          ...vocab.requirements.filter((r) => r.checks.includes(text)).flatMap((r) => r.cells),
          ...(check.scenario ? [{ scenario: check.scenario }] : []),
          ...(check.discovery ? [{ discovery: true }] : []),
        ],
      };
    if (vocab.keys.includes(text)) return { text, kind: 'key' };
    if (vocab.groups.includes(text)) return { text, kind: 'group' };
    if (vocab.scenarioKinds.includes(text)) return { text, kind: 'scenario' };
    if (cellIds.has(text)) return { text, kind: 'cell' };
    return { text, kind: 'text' };
  });
}

const VARIANT_RES = new Map<string, RegExp>();

function variantRe(source: string): RegExp {
  let re = VARIANT_RES.get(source);
  if (!re) VARIANT_RES.set(source, (re = new RegExp(source)));
  return re;
}

/**
 * What {@link cellSelectorMatches} reads of a cell, as one string: cells with the same shape match
 * the same selectors, so a caller with many cells can match each shape once.
 */
export function cellSelectorShape(c: SelectableCell): string {
  return `${c.kind}\u0000${c.group}\u0000${c.operationId}\u0000${c.variant}\u0000${c.clause}`;
}

/** True when a requirement's cell selector matches the cell (the rule reports/requirements.ts counts by). */
export function cellSelectorMatches(s: CellSelector, c: SelectableCell): boolean {
  return (
    (s.variant === undefined || variantRe(s.variant).test(c.variant)) &&
    (s.scenario === undefined || (c.kind === 'scenario' && c.variant === s.scenario)) &&
    (s.group === undefined || c.group === s.group) &&
    (s.clause === undefined || c.clause === s.clause) &&
    (s.discovery === undefined || (c.kind === 'discovery') === s.discovery) &&
    (s.operation === undefined || c.operationId === s.operation)
  );
}

/** True when the selector matches the cell. */
export function selectorMatches(sel: Selector, c: SelectableCell): boolean {
  switch (sel.kind) {
    case 'clause':
      return c.clause === sel.text || (sel.cells ?? []).some((s) => cellSelectorMatches(s, c));
    case 'family':
      return c.clause.startsWith(`${sel.text}-`) || (sel.cells ?? []).some((s) => cellSelectorMatches(s, c));
    case 'requirement':
    case 'check':
      return (sel.cells ?? []).some((s) => cellSelectorMatches(s, c));
    case 'operation':
      return c.operationId === sel.text;
    case 'key':
      return c.keyId === sel.text;
    case 'group':
      return c.group === sel.text;
    case 'scenario':
      return c.kind === 'scenario' && c.variant === sel.text;
    case 'cell':
      return c.id === sel.text;
    case 'text':
      return (
        `${c.kind === 'scenario' ? c.variant : c.group}/${c.operationId}/${c.variant}`.includes(sel.text) ||
        c.id.includes(sel.text)
      );
  }
}

/**
 * The ids of the cells `only` selects. Throws CLI_USAGE naming every selector that matches no
 * cell (with its kind and, for an untestable requirement, why), and listing the kinds.
 */
export function selectCells(
  only: string,
  cells: readonly SelectableCell[],
  vocab: SelectionVocabulary,
  context = '',
): Set<string> {
  const selectors = parseSelection(only, vocab, new Set(cells.map((c) => c.id)));
  const selected = new Set<string>();
  const unmatched: string[] = [];
  for (const sel of selectors) {
    let hit = false;
    for (const c of cells)
      if (selectorMatches(sel, c)) {
        selected.add(c.id);
        hit = true;
      }
    if (hit) continue;
    const untestable = sel.kind === 'requirement' ? vocab.requirements.find((r) => r.id === sel.text)?.untestable : '';
    unmatched.push(`${sel.text} (read as a ${sel.kind}${untestable ? `: untestable, ${untestable}` : ''})`);
  }
  if (unmatched.length)
    throw new MisuseError(
      'CLI_USAGE',
      `--only ${only}`,
      `${unmatched.join(', ')} matches no cell of this run's matrix${context}`,
      `selectors, comma-separated: ${selectorKindsHint()}; 'seqconform run --dry-run' lists the cells`,
    );
  return selected;
}

/** The suite groups. */
const GROUPS = [
  'authn',
  'permissions',
  'org',
  'validation',
  'request_id',
  'lists',
  'state',
  'discovery',
  'robustness',
] as const satisfies readonly Group[];

/** The vocabulary of a run: its operations and keys, and the registries. */
export function selectionVocabulary(operations: readonly string[], keys: readonly string[]): SelectionVocabulary {
  return {
    operations,
    keys,
    requirements: loadRequirements(),
    checks: [
      ...checkCatalog().map((c) => ({ id: c.id })),
      ...SCENARIO_KINDS.map((k) => ({ id: k.check.id, scenario: k.kind })),
      { id: DISCOVERY_CHECK.id, discovery: true },
    ],
    groups: GROUPS,
    scenarioKinds: SCENARIO_KINDS.map((k) => k.kind),
  };
}

/** The matrix's cells and the discovery steps as selection sees them. */
export function selectableCells(
  cases: readonly Case[],
  scenarios: readonly Scenario[],
  discovery: readonly CaseResult[],
): SelectableCell[] {
  return [
    ...cases.map((c) => ({
      id: c.id,
      kind: 'case' as const,
      group: c.group,
      operationId: c.operationId,
      keyId: c.keyId,
      variant: c.variant,
      clause: c.expect.clause,
    })),
    ...scenarios.map((s) => ({
      id: s.id,
      kind: 'scenario' as const,
      group: scenarioKind(s).group,
      operationId: s.operationId,
      keyId: s.keyId,
      variant: s.kind,
      clause: s.clause,
    })),
    ...discovery.map((d) => ({
      id: d.case_id,
      kind: 'discovery' as const,
      group: d.group,
      operationId: d.operation_id,
      keyId: d.key_id,
      variant: d.variant,
      clause: d.expected.clause,
    })),
  ];
}
