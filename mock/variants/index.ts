/**
 * Benign variants of the reference mock: each replaces exactly one part with a DIFFERENT but
 * contract-conforming behaviour (the contract allows it, or says nothing). The suite must give
 * each zero findings (suites/gate/variants.test.ts); a variant it flags is a false positive of
 * the suite and lives in false-positives.ts instead.
 */
import balancesMove from './balances-move.ts';
import errorBodiesWithoutRequestId from './error-bodies-without-request-id.ts';
import errorMessagesNameTheRequest from './error-messages-name-the-request.ts';
import executionsCompleteInstantly from './executions-complete-instantly.ts';
import extraFields from './extra-fields.ts';
import opaqueCursors from './opaque-cursors.ts';
import pageInfoRelayFields from './page-info-relay-fields.ts';
import requestIdsUuid from './request-ids-uuid.ts';
import rulesFireOnFunds from './rules-fire-on-funds.ts';
import runtimeIdsUuid from './runtime-ids-uuid.ts';
import timesMicroseconds from './times-microseconds.ts';
import timesPlusZeroOffset from './times-plus-zero-offset.ts';
import transfersPendingApproval from './transfers-pending-approval.ts';
import unknownQueryParamsRefused from './unknown-query-params-refused.ts';
import unpagedListsReordered from './unpaged-lists-reordered.ts';
import type { BenignVariant } from './define.ts';
import cardFrozenSinceDiscovery from './card-frozen-since-discovery.ts';
import clockBehind from './clock-behind.ts';
import seedTransfersSettled from './seed-transfers-settled.ts';
import errorMessagesGerman from './error-messages-german.ts';
import errorExtraHeaders from './error-extra-headers.ts';
import errorsSometimesRateLimited from './errors-sometimes-rate-limited.ts';
import pageParamsValidatedFirst from './page-params-validated-first.ts';
import descriptionCountedUtf16 from './description-counted-utf16.ts';
import rulesRicherTrigger from './rules-richer-trigger.ts';
import idempotencyWindow7Days from './idempotency-window-7-days.ts';
import executionDetailsMinimal from './execution-details-minimal.ts';
import transfersSettleSlowly from './transfers-settle-slowly.ts';
import requestIdsUlid from './request-ids-ulid.ts';
import envelopeMeta from './envelope-meta.ts';
import idempotentReplayCurrentState from './idempotent-replay-current-state.ts';
import liabilityBalanceNegative from './liability-balance-negative.ts';
import transferDescriptionEmptyString from './transfer-description-empty-string.ts';

export { defineVariant, type BenignVariant } from './define.ts';

/** Every benign variant the suite passes. */
export const VARIANTS: readonly BenignVariant[] = Object.freeze([
  extraFields,
  unpagedListsReordered,
  errorMessagesNameTheRequest,
  errorBodiesWithoutRequestId,
  requestIdsUuid,
  opaqueCursors,
  transfersPendingApproval,
  executionsCompleteInstantly,
  runtimeIdsUuid,
  balancesMove,
  unknownQueryParamsRefused,
  timesPlusZeroOffset,
  timesMicroseconds,
  pageInfoRelayFields,
  rulesFireOnFunds,
  // Once false positives of the suite (stale statuses, a server clock behind ours), fixed in the suite.
  cardFrozenSinceDiscovery,
  clockBehind,
  seedTransfersSettled,
  // Round 3 of the hunt: more ways a careful server may differ.
  errorMessagesGerman,
  errorExtraHeaders,
  errorsSometimesRateLimited,
  pageParamsValidatedFirst,
  descriptionCountedUtf16,
  rulesRicherTrigger,
  idempotencyWindow7Days,
  executionDetailsMinimal,
  transfersSettleSlowly,
  requestIdsUlid,
  envelopeMeta,
  idempotentReplayCurrentState,
  liabilityBalanceNegative,
  transferDescriptionEmptyString,
]);
