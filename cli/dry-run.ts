/**
 * `run --dry-run`: the cells a run would send, after discovery and the matrix, and nothing sent.
 * One line per cell (id, group, operation, key, expected status and code, clause); past
 * {@link LIST_LIMIT} cells a count per group and operation instead; `--format json` every cell.
 */
import type { PreparedRun } from '../suites/target.ts';
import { scenarioKind } from '../suites/scenarios/index.ts';
import { LIST_LIMIT } from './run-controls.ts';

/** One selected cell, as the dry run lists it. */
export interface PlannedCell {
  id: string;
  kind: 'case' | 'scenario' | 'discovery';
  group: string;
  operation_id: string;
  key_id: string | null;
  /** Null for scenarios (several requests) and discovery steps. */
  expected_status: number | null;
  expected_code: string | null;
  clause: string;
  variant: string;
}

/** The selected cells of a prepared run, in the order the run sends them. */
export function plannedCells(run: Pick<PreparedRun, 'cases' | 'scenarios' | 'discovery'>): PlannedCell[] {
  return [
    ...run.discovery.map((d) => ({
      id: d.case_id,
      kind: 'discovery' as const,
      group: d.group,
      operation_id: d.operation_id,
      key_id: d.key_id,
      expected_status: d.expected.status,
      expected_code: d.expected.code,
      clause: d.expected.clause,
      variant: d.variant,
    })),
    ...run.cases.map((c) => ({
      id: c.id,
      kind: 'case' as const,
      group: c.group,
      operation_id: c.operationId,
      key_id: c.keyId,
      expected_status: c.expect.status,
      expected_code: c.expect.code,
      clause: c.expect.clause,
      variant: c.variant,
    })),
    ...run.scenarios.map((s) => ({
      id: s.id,
      kind: 'scenario' as const,
      group: scenarioKind(s).group,
      operation_id: s.operationId,
      key_id: s.keyId,
      expected_status: null,
      expected_code: null,
      clause: s.clause,
      variant: s.kind,
    })),
  ];
}

/** The dry run's output: text (a line per cell, or a summary when long) or JSON. */
export function renderDryRun(cells: PlannedCell[], format: 'text' | 'json', target: string): string {
  if (format === 'json') return JSON.stringify({ target, selected: cells.length, cells }, null, 2);
  const head = `${cells.length} cells selected against ${target} (dry run: discovery only, no conformance request sent)`;
  if (cells.length <= LIST_LIMIT) {
    const rows = cells.map((c) =>
      [
        c.id,
        c.group,
        c.operation_id,
        c.key_id ?? '-',
        c.expected_status === null
          ? c.kind === 'scenario'
            ? `scenario ${c.variant}`
            : c.kind
          : `${c.expected_status} ${c.expected_code ?? ''}`.trim(),
        c.clause,
      ].join('\t'),
    );
    return [head, ['id', 'group', 'operation', 'key', 'expected', 'clause'].join('\t'), ...rows].join('\n');
  }
  const by = new Map<string, number>();
  for (const c of cells) by.set(`${c.group}\t${c.operation_id}`, (by.get(`${c.group}\t${c.operation_id}`) ?? 0) + 1);
  const rows = [...by].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${n}\t${k}`);
  return [
    head,
    `more than ${LIST_LIMIT}: cells per group and operation (--format json lists every cell; --only narrows)`,
    ['cells', 'group', 'operation'].join('\t'),
    ...rows,
  ].join('\n');
}
