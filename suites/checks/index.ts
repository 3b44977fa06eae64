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
export const CHECKS: readonly Check[] = [
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
];

/** Checks that judge multi-request cells: one per scenario kind (suites/scenarios/), and discovery's. */
export const SCENARIO_CHECKS: ReadonlyArray<Pick<Check, 'id' | 'clauses' | 'description'>> = [
  ...SCENARIO_KINDS.map((k) => k.check),
  {
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
  },
];

/** Every check id with its clauses and description, for reports and --help. */
export function checkCatalog(): Array<Pick<Check, 'id' | 'clauses' | 'description'>> {
  return [...CHECKS.map(({ id, clauses, description }) => ({ id, clauses, description })), ...SCENARIO_CHECKS];
}

export type { Check, CheckInput, Violation } from './types.ts';
