/**
 * For every check, a mutant of the mock it kills (a finding of that check citing a clause the
 * mutant declares). The gate asserts each pair in the part that runs the mutant, so every check
 * is shown to fire on a fault without the parts of the gate sharing state. `ownDiscovery`: the
 * mutant is judged with its own discovery (the check judges discovery).
 */
import type { CheckId } from '../checks/index.ts';

/** Keyed by every check id: a check added without a witness does not compile. */
export const CHECK_WITNESSES: Readonly<Record<CheckId, { mutant: string; ownDiscovery?: true }>> = {
  status_matches_oracle: { mutant: 'bola-get-card' },
  error_code_matches: { mutant: 'error-code-not-found' },
  no_5xx: { mutant: 'amount-string-crashes' },
  content_type_json: { mutant: 'error-content-type-text' },
  body_schema: { mutant: 'card-last-four-renamed' },
  no_resource_leak: { mutant: 'forbidden-body-leaks-resource' },
  request_id_echo: { mutant: 'request-id-not-echoed-on-errors' },
  request_id_body_matches_header: { mutant: 'body-request-id-differs' },
  request_id_generated: { mutant: 'request-id-repeats' },
  request_id_invalid_replaced: { mutant: 'request-id-invalid-echoed' },
  list_filters_hold: { mutant: 'filter-direction-ignored' },
  list_org_isolation: { mutant: 'list-accounts-all-orgs' },
  list_order: { mutant: 'page-order-ascending' },
  list_membership_exact: { mutant: 'list-cards-drops-last' },
  pages_walk_exact: { mutant: 'page-cursor-repeats-item' },
  foreign_cursor_rejected: { mutant: 'cursor-any-operation' },
  created_transfer_readable: { mutant: 'transfer-origin-rule' },
  triggered_execution_readable: { mutant: 'execution-trigger-scheduled' },
  idempotent_replay: { mutant: 'idempotency-ignored' },
  denied_write_no_effect: { mutant: 'denied-transfer-recorded' },
  discovery_consistent: { mutant: 'first-100-refused', ownDiscovery: true },
  execution_status_final: { mutant: 'execution-status-flaps' },
  robust_on_unusual_requests: { mutant: 'method-not-allowed-crashes' },
  concurrent_writes_act_once: { mutant: 'idempotency-race' },
  reused_cursor_follows_request: { mutant: 'cursor-carries-filters' },
  pages_hold_under_writes: { mutant: 'page-offset-cursors-signed' },
  replay_survives_refusals: { mutant: 'idempotency-refusal-clears' },
  id_variants_unknown: { mutant: 'lookup-case-insensitive' },
  replay_survives_pause: { mutant: 'idempotency-window-short' },
  execution_list_agrees: { mutant: 'executions-listed-settled-early' },
};
