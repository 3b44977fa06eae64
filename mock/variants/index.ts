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
import cursorsBoundToFilters from './cursors-bound-to-filters.ts';
import errorRequestIdOnAuthErrorsOnly from './error-request-id-on-auth-errors-only.ts';
import executionsEndFailedInstantly from './executions-end-failed-instantly.ts';
import executionsEndPartialInstantly from './executions-end-partial-instantly.ts';
import fromAfterToRefused from './from-after-to-refused.ts';
import runtimeTimesWholeSeconds from './runtime-times-whole-seconds.ts';
import firstErrorOfEachKindRateLimited from './first-error-of-each-kind-rate-limited.ts';
import requestIdsLong from './request-ids-long.ts';
import errorMessagesWithDocLinks from './error-messages-with-doc-links.ts';
import sandboxClockInThePast from './sandbox-clock-in-the-past.ts';
import clockAhead from './clock-ahead.ts';
import repeatedQueryParamsFirstWins from './repeated-query-params-first-wins.ts';
import { ALL_DATA_VARIANTS } from './data/index.ts';
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
  // Round 4 of the hunt.
  cursorsBoundToFilters,
  errorRequestIdOnAuthErrorsOnly,
  executionsEndFailedInstantly,
  executionsEndPartialInstantly,
  fromAfterToRefused,
  runtimeTimesWholeSeconds,
  firstErrorOfEachKindRateLimited,
  requestIdsLong,
  errorMessagesWithDocLinks,
  sandboxClockInThePast,
  clockAhead,
  repeatedQueryParamsFirstWins,
]);

/**
 * Data variants: conforming servers whose DATA differs from the reference seed (ties in created_at,
 * hostile text, 1-cent amounts, a near-empty second organization...). Each replaces the `store`
 * part and is judged with its own discovery (suites/gate/data-variants.test.ts), zero findings.
 */
export const DATA_VARIANTS: readonly BenignVariant[] = ALL_DATA_VARIANTS;
