/**
 * The check registry: every per-response check, in one table. Scenario checks (pages, state,
 * idempotency, denied writes) live in `../scenarios.ts` and are listed in {@link SCENARIO_CHECKS}.
 */
import { bodySchema, contentTypeJson, noResourceLeak } from './bodies.ts';
import { listFiltersHold, listMembershipExact, listOrder, listOrgIsolation } from './lists.ts';
import { requestIdBody, requestIdEcho, requestIdGenerated, requestIdReplaced } from './request-id.ts';
import { errorCodeMatches, no5xx, statusMatchesOracle } from './status.ts';
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

/** Checks that judge multi-request scenarios, with their clauses. */
export const SCENARIO_CHECKS: ReadonlyArray<Pick<Check, 'id' | 'clauses' | 'description'>> = [
  { id: 'pages_walk_exact', clauses: ['C-LIST-3', 'C-LIST-2', 'C-LIST-1', 'C-ORG-2'], description: 'Walking every page returns each matching item exactly once, newest first, with consistent page_info.' },
  { id: 'foreign_cursor_rejected', clauses: ['C-VAL-2', 'C-LIST-3'], description: "A cursor issued for another operation is refused with 400." },
  { id: 'created_transfer_readable', clauses: ['C-STATE-1', 'C-PERM-5', 'C-BODY-1'], description: 'A created transfer is 201 processing/user, then readable by exactly the keys that may read it, and listed for both accounts.' },
  { id: 'triggered_execution_readable', clauses: ['C-STATE-2', 'C-PERM-5'], description: 'A triggered rule gives 202 with an execution ID that is then readable, manual, and listed for the rule.' },
  { id: 'idempotent_replay', clauses: ['C-STATE-4'], description: 'A replay returns the same status and data and acts once; a different body or path conflicts; other keys do not interact.' },
  { id: 'denied_write_no_effect', clauses: ['C-PERM-7'], description: 'A denied write creates nothing and records nothing under its Idempotency-Key.' },
  {
    id: 'discovery_consistent',
    clauses: ['C-LIST-2', 'C-LIST-3', 'C-VAL-2', 'C-ORG-2', 'C-BODY-1', 'C-BODY-3', 'C-PERM-2b', 'C-PERM-1', 'C-PERM-5', 'C-FOUND-1'],
    description: 'Discovery with a key that sees everything reads every list to its end and every listed item, as the oracle says it may: no page size refused, cursor repeated, item listed twice or by two organizations, listed item unreadable, or body that is not a list.',
  },
];

/** Every check id with its clauses and description, for reports and --help. */
export function checkCatalog(): Array<Pick<Check, 'id' | 'clauses' | 'description'>> {
  return [...CHECKS.map(({ id, clauses, description }) => ({ id, clauses, description })), ...SCENARIO_CHECKS];
}

export type { Check, CheckInput, Violation } from './types.ts';
