/** The kinds of `--only` selectors, with an example each: a table apart, so `--help` loads nothing else. */

/** What a selector is read as. */
export type SelectorKind =
  'clause' | 'family' | 'requirement' | 'operation' | 'check' | 'key' | 'group' | 'scenario' | 'cell' | 'text';

/** Each kind of selector with an example and what it selects: for `run --help` and the no-match error. */
export const SELECTOR_KINDS: ReadonlyArray<{ kind: SelectorKind; example: string; selects: string }> = [
  {
    kind: 'clause',
    example: 'C-PERM-5',
    selects: "cells this clause decides, and its requirements' cells",
  },
  { kind: 'family', example: 'C-PERM', selects: 'the same for every clause of the family' },
  {
    kind: 'requirement',
    example: 'C-PERM-7.1',
    selects: 'the cells openapi/requirements.yaml names as testing it',
  },
  { kind: 'operation', example: 'getCard', selects: 'cells of this operation' },
  {
    kind: 'check',
    example: 'list_order',
    selects: "its requirements' cells, or the scenarios it judges",
  },
  { kind: 'key', example: 'full-main', selects: 'cells sent with this profile key' },
  { kind: 'group', example: 'authn', selects: 'cells of this suite group (authn, permissions, org, …)' },
  { kind: 'scenario', example: 'page_walk', selects: 'scenarios of this kind' },
  { kind: 'cell', example: 'c_1a2b3c4d5e6f', selects: 'the cell with this id (report.json cases[].case_id)' },
  {
    kind: 'text',
    example: 'revoked',
    selects: "anything else: part of a cell's group/operation/variant or id",
  },
];

/** The kinds of selectors with an example each, on one line. */
export function selectorKindsHint(): string {
  return SELECTOR_KINDS.map((k) => `${k.kind} e.g. ${k.example}`).join('; ');
}
