/**
 * The check registry: every per-response check, in one table. The checks of multi-request cells
 * come with their scenario kinds (../scenarios/) and are listed in {@link SCENARIO_CHECKS}.
 */
import { bodySchema, contentTypeJson, noResourceLeak } from './bodies.ts';
import { listFiltersHold, listMembershipExact, listOrder, listOrgIsolation } from './lists.ts';
import { requestIdBody, requestIdEcho, requestIdGenerated, requestIdReplaced } from './request-id.ts';
import { errorCodeMatches, no5xx, statusMatchesOracle } from './status.ts';
import { SCENARIO_KINDS } from '../scenarios/index.ts';
import type { Check } from './types.ts';

/** Every per-response check. Ids are stable: reports and baselines cite them. */
export const CHECKS = [
  statusMatchesOracle,
  errorCodeMatches,
  no5xx,
  contentTypeJson,
  bodySchema,
  noResourceLeak,
  requestIdEcho,
  requestIdBody,
  requestIdGenerated,
  requestIdReplaced,
  listFiltersHold,
  listOrgIsolation,
  listOrder,
  listMembershipExact,
] as const satisfies readonly Check[];

/** Checks that judge multi-request cells: one per scenario kind (suites/scenarios/), and discovery's. */
/** The check discovery's findings carry (suites/discovery-cells.ts). */
export const DISCOVERY_CHECK = {
  id: 'discovery_consistent',
  clauses: [
    'C-LIST-2',
    'C-LIST-3',
    'C-VAL-2',
    'C-ORG-2',
    'C-BODY-1',
    'C-BODY-3',
    'C-PERM-2b',
    'C-PERM-1',
    'C-PERM-5',
    'C-FOUND-1',
  ],
  description:
    'Discovery with a key that sees everything reads every list to its end and every listed item, as the oracle says it may: no page size refused, cursor repeated, item listed twice or by two organizations, listed item unreadable, or body that is not a list.',
} as const satisfies Pick<Check, 'id' | 'clauses' | 'description'>;

/** Checks that judge multi-request cells: one per scenario kind (suites/scenarios/), and discovery's. */
export const SCENARIO_CHECKS: ReadonlyArray<Pick<Check, 'id' | 'clauses' | 'description'>> = [
  ...SCENARIO_KINDS.map((k) => k.check),
  DISCOVERY_CHECK,
];

/** Every check id: derived from the registries, so a table keyed by it (the gate's witnesses) must name every check. */
export type CheckId =
  (typeof CHECKS)[number]['id'] | (typeof SCENARIO_KINDS)[number]['check']['id'] | (typeof DISCOVERY_CHECK)['id'];

/** Every check id with its clauses and description, for reports and --help. */
export function checkCatalog(): Array<Pick<Check, 'id' | 'clauses' | 'description'>> {
  return [
    ...CHECKS.map(({ id, clauses, description }) => ({ id, clauses: [...clauses], description })),
    ...SCENARIO_CHECKS.map((c) => ({ ...c, clauses: [...c.clauses] })),
  ];
}

export type { Check, CheckInput, Violation } from './types.ts';
