/**
 * Named mutants of the reference mock: each replaces exactly one part (see ../app.ts) with a
 * realistic fault, and declares the contract clauses a correct suite cites when it catches it.
 * The mutant gate (suites/gate/mutant-gate.ts, run in parts by mutants-*.test.ts) runs the matrix against each: first the
 * cells that test its clauses, then, when those do not kill it, the whole matrix.
 */
import type { MockParts } from '../app.ts';
import pageOffsetCursors from './page-offset-cursors.ts';
import listRulesAllOrgs from './list-rules-all-orgs.ts';
import createdTransferOriginMissing from './created-transfer-origin-missing.ts';
import foreign404NamesResource from './foreign-404-names-resource.ts';
import scopeUncheckedCreateTransfer from './scope-unchecked-create-transfer.ts';
import scopeUncheckedTrigger from './scope-unchecked-trigger.ts';
import executionTriggerDetailsEmpty from './execution-trigger-details-empty.ts';
import description255Refused from './description-255-refused.ts';
import amountOneCentRefused from './amount-one-cent-refused.ts';
import first100Refused from './first-100-refused.ts';
import createdTransferToExternalInternal from './created-transfer-to-external-internal.ts';
import authOtherSchemesAccepted from './auth-other-schemes-accepted.ts';
import authRevokedAccepted from './auth-revoked-accepted.ts';
import authUnknownKeyForbidden from './auth-unknown-key-forbidden.ts';
import authSchemeCaseSensitive from './auth-scheme-case-sensitive.ts';
import scopeUncheckedGetCard from './scope-unchecked-get-card.ts';
import scopeReadRulesTriggers from './scope-read-rules-triggers.ts';
import bolaGetRuleExecution from './bola-get-rule-execution.ts';
import bolaGetTransfer from './bola-get-transfer.ts';
import bolaGetCard from './bola-get-card.ts';
import bolaListCardTransactions from './bola-list-card-transactions.ts';
import resourceUncheckedListTransfers from './resource-unchecked-list-transfers.ts';
import resourceExistenceLeak from './resource-existence-leak.ts';
import transferMaxAmountIgnored from './transfer-max-amount-ignored.ts';
import transferMaxAmountExclusive from './transfer-max-amount-exclusive.ts';
import transferPairsReversible from './transfer-pairs-reversible.ts';
import lookupStarCrossesOrgs from './lookup-star-crosses-orgs.ts';
import deniedTransferRecorded from './denied-transfer-recorded.ts';
import forbiddenBodyLeaksResource from './forbidden-body-leaks-resource.ts';
import filterDirectionIgnored from './filter-direction-ignored.ts';
import listCardsWithoutAccountId from './list-cards-without-account-id.ts';
import pageCursorRepeatsItem from './page-cursor-repeats-item.ts';
import pageCursorSkipsItem from './page-cursor-skips-item.ts';
import pageOrderAscending from './page-order-ascending.ts';
import listAccountsAllOrgs from './list-accounts-all-orgs.ts';
import listCardsDropsLast from './list-cards-drops-last.ts';
import idempotencyIgnored from './idempotency-ignored.ts';
import disabledRuleTriggered from './disabled-rule-triggered.ts';
import transferOriginRule from './transfer-origin-rule.ts';
import transferDirectionMoneyOut from './transfer-direction-money-out.ts';
import executionTriggerScheduled from './execution-trigger-scheduled.ts';
import requestIdNotEchoedOnErrors from './request-id-not-echoed-on-errors.ts';
import bodyRequestIdDiffers from './body-request-id-differs.ts';
import requestIdRepeats from './request-id-repeats.ts';
import requestIdInvalidEchoed from './request-id-invalid-echoed.ts';
import errorCodeNotFound from './error-code-not-found.ts';
import cardLastFourRenamed from './card-last-four-renamed.ts';
import accountBalanceString from './account-balance-string.ts';
import errorContentTypeText from './error-content-type-text.ts';
import amountStringCrashes from './amount-string-crashes.ts';
import firstClamped from './first-clamped.ts';
import cursorAnyOperation from './cursor-any-operation.ts';
import sameAccountTransferAccepted from './same-account-transfer-accepted.ts';
import manualAmountAnyRule from './manual-amount-any-rule.ts';
import dateBoundsExclusive from './date-bounds-exclusive.ts';
import accountRoleEmpty from './account-role-empty.ts';
import executionStatusFilterEmpty from './execution-status-filter-empty.ts';
import externalDirectionSwapped from './external-direction-swapped.ts';
import permUnionLastEntryWins from './perm-union-last-entry-wins.ts';
import objectGuardSourceOnly from './object-guard-source-only.ts';
import transferStarSourceLiteral from './transfer-star-source-literal.ts';
import transferStarTargetLiteral from './transfer-star-target-literal.ts';
import transferFirstMatchingEntry from './transfer-first-matching-entry.ts';
import transferExistenceBeforePair from './transfer-existence-before-pair.ts';
import scopeCheckedAfterValidation from './scope-checked-after-validation.ts';
import missingCardForbidden from './missing-card-forbidden.ts';
import wrongShapeIdRejected from './wrong-shape-id-rejected.ts';
import foreignCardForbidden from './foreign-card-forbidden.ts';
import listAccountsNarrowed from './list-accounts-narrowed.ts';
import listCardsTypeIgnored from './list-cards-type-ignored.ts';
import pageSizeIgnored from './page-size-ignored.ts';
import emptyPageEndCursor from './empty-page-end-cursor.ts';
import executionsInProgressUnlisted from './executions-in-progress-unlisted.ts';
import manualAmountZeroAsAbsent from './manual-amount-zero-as-absent.ts';
import descriptionCountedInBytes from './description-counted-in-bytes.ts';
import unauthorizedWithoutMessage from './unauthorized-without-message.ts';
import unpagedListWithoutRequestId from './unpaged-list-without-request-id.ts';
import requestIdTruncated64 from './request-id-truncated-64.ts';
import hasNextPageFullPage from './has-next-page-full-page.ts';
import idempotentReplayActsAgain from './idempotent-replay-acts-again.ts';
import idempotencySharedAcrossKeys from './idempotency-shared-across-keys.ts';
import idempotencyTriggerBodyIgnored from './idempotency-trigger-body-ignored.ts';
import idempotencyPathIgnored from './idempotency-path-ignored.ts';
import deniedTransferReservesIdempotencyKey from './denied-transfer-reserves-idempotency-key.ts';
import resourceGuardAccountList from './resource-guard-account-list.ts';
import scopeListScopesInterchangeable from './scope-list-scopes-interchangeable.ts';
import explicitForeignIdReadable from './explicit-foreign-id-readable.ts';
import firstLeadingZeroRefused from './first-leading-zero-refused.ts';
import dateFractionRefused from './date-fraction-refused.ts';
import enumCaseInsensitive from './enum-case-insensitive.ts';
import triggerNullBodyAsEmpty from './trigger-null-body-as-empty.ts';
import dateOffsetIgnored from './date-offset-ignored.ts';
import roleNarrowingDropsFilters from './role-narrowing-drops-filters.ts';
import forbiddenMessageLeaksDetails from './forbidden-message-leaks-details.ts';
import requestIdNotEchoedOn400 from './request-id-not-echoed-on-400.ts';
import createdAtLocalOffset from './created-at-local-offset.ts';
import transferRuleExecutionIdEmpty from './transfer-rule-execution-id-empty.ts';
import accountCanBeDestinationMissing from './account-can-be-destination-missing.ts';
import cardExpirationUnpaddedMonth from './card-expiration-unpadded-month.ts';
import cardTransactionDirectionUpper from './card-transaction-direction-upper.ts';
import executionTransferIdsJoined from './execution-transfer-ids-joined.ts';
import ruleStepsMissing from './rule-steps-missing.ts';
import emptyPageWithoutPageInfo from './empty-page-without-page-info.ts';
import scopeUncheckedListCards from './scope-unchecked-list-cards.ts';
import transferPairSourceOnly from './transfer-pair-source-only.ts';
import starOnlyForFilters from './star-only-for-filters.ts';
import executionsForeignRuleListed from './executions-foreign-rule-listed.ts';
import transferMissingDestinationCreated from './transfer-missing-destination-created.ts';
import createdTransferUnlistedForDestination from './created-transfer-unlisted-for-destination.ts';
import createdTransferUnguarded from './created-transfer-unguarded.ts';
import disabledRule409AfterStart from './disabled-rule-409-after-start.ts';
import idempotentReplayStatus200 from './idempotent-replay-status-200.ts';
import idempotencyRawBodyCompare from './idempotency-raw-body-compare.ts';
import executionVisibleAfterDelay from './execution-visible-after-delay.ts';
import requestIdLowercased from './request-id-lowercased.ts';
import errorRequestIdDiffers from './error-request-id-differs.ts';
import nullDescriptionRefused from './null-description-refused.ts';
import amountNumericStringAccepted from './amount-numeric-string-accepted.ts';
import descriptionNumberAccepted from './description-number-accepted.ts';
import triggerAmountStringAccepted from './trigger-amount-string-accepted.ts';
import triggerArrayBodyAccepted from './trigger-array-body-accepted.ts';
import ruleDisabledCodeConflict from './rule-disabled-code-conflict.ts';
import listRulesSourceFilterIgnored from './list-rules-source-filter-ignored.ts';
import cardTransactionsAscending from './card-transactions-ascending.ts';
import cardTransactionsDatesIgnored from './card-transactions-dates-ignored.ts';
import accountRoleSwapped from './account-role-swapped.ts';
import authKeySuffixIgnored from './auth-key-suffix-ignored.ts';
import resourceGuardPrefixMatch from './resource-guard-prefix-match.ts';
import transferMaxAmountZeroUnlimited from './transfer-max-amount-zero-unlimited.ts';
import firstCapped50 from './first-capped-50.ts';
import lookupTrailingSpaceIgnored from './lookup-trailing-space-ignored.ts';
import executionsOfDisabledRuleUnlisted from './executions-of-disabled-rule-unlisted.ts';
import longQueryValueCrashes from './long-query-value-crashes.ts';
import executionStatusFlaps from './execution-status-flaps.ts';
import defaultPageSize10 from './default-page-size-10.ts';
import idempotencyBeforeValidation from './idempotency-before-validation.ts';
import idWithSlashCrashes from './id-with-slash-crashes.ts';
import repeatedQueryCrashes from './repeated-query-crashes.ts';
import deepBodyCrashes from './deep-body-crashes.ts';
import nonFiniteAmountCrashes from './non-finite-amount-crashes.ts';
import methodNotAllowedCrashes from './method-not-allowed-crashes.ts';
import acceptHeaderCrashes from './accept-header-crashes.ts';
import idempotencyRace from './idempotency-race.ts';
import cursorCarriesFilters from './cursor-carries-filters.ts';
import pageOffsetCursorsSigned from './page-offset-cursors-signed.ts';
import idempotencyRefusalClears from './idempotency-refusal-clears.ts';
import lookupCaseInsensitive from './lookup-case-insensitive.ts';
import idempotencyWindowShort from './idempotency-window-short.ts';
import executionsListedSettledEarly from './executions-listed-settled-early.ts';
import idsReusedWithinATick from './ids-reused-within-a-tick.ts';

/** One faulty mock: the defaults with exactly one part replaced. */
export interface Mutant {
  /** Kebab-case id; the file holding it is named after it. */
  id: string;
  /** The realistic fault, in one sentence. */
  description: string;
  /** The part replaced. */
  replaces: keyof MockParts;
  /** Contract clauses a correct suite cites when it catches the fault. */
  clauses: string[];
  /** Exactly one key, equal to `replaces`. */
  parts: Partial<MockParts>;
  /** For a mutant that copies a route handler: which, and the hash of the original it copied. */
  copies?: { file: string; handler: string; sha: string };
}
export { defineMutant } from './define.ts';

/** Every mutant, grouped by contract area. */
export const MUTANTS: readonly Mutant[] = Object.freeze([
  authOtherSchemesAccepted,
  authRevokedAccepted,
  authUnknownKeyForbidden,
  authSchemeCaseSensitive,
  scopeUncheckedGetCard,
  scopeReadRulesTriggers,
  bolaGetRuleExecution,
  bolaGetTransfer,
  bolaGetCard,
  bolaListCardTransactions,
  resourceUncheckedListTransfers,
  resourceExistenceLeak,
  transferMaxAmountIgnored,
  transferMaxAmountExclusive,
  transferPairsReversible,
  lookupStarCrossesOrgs,
  deniedTransferRecorded,
  forbiddenBodyLeaksResource,
  filterDirectionIgnored,
  listCardsWithoutAccountId,
  pageCursorRepeatsItem,
  pageCursorSkipsItem,
  pageOrderAscending,
  listAccountsAllOrgs,
  listCardsDropsLast,
  idempotencyIgnored,
  disabledRuleTriggered,
  transferOriginRule,
  transferDirectionMoneyOut,
  executionTriggerScheduled,
  requestIdNotEchoedOnErrors,
  bodyRequestIdDiffers,
  requestIdRepeats,
  requestIdInvalidEchoed,
  errorCodeNotFound,
  cardLastFourRenamed,
  accountBalanceString,
  errorContentTypeText,
  amountStringCrashes,
  firstClamped,
  cursorAnyOperation,
  sameAccountTransferAccepted,
  manualAmountAnyRule,
  dateBoundsExclusive,
  accountRoleEmpty,
  executionStatusFilterEmpty,
  externalDirectionSwapped,
  // Second round: faults aimed at what the first 47 did not cover (survivors.ts holds any the suite still misses).
  permUnionLastEntryWins,
  objectGuardSourceOnly,
  transferStarSourceLiteral,
  transferStarTargetLiteral,
  transferFirstMatchingEntry,
  transferExistenceBeforePair,
  scopeCheckedAfterValidation,
  missingCardForbidden,
  wrongShapeIdRejected,
  foreignCardForbidden,
  listAccountsNarrowed,
  listCardsTypeIgnored,
  pageSizeIgnored,
  emptyPageEndCursor,
  executionsInProgressUnlisted,
  manualAmountZeroAsAbsent,
  descriptionCountedInBytes,
  unauthorizedWithoutMessage,
  unpagedListWithoutRequestId,
  requestIdTruncated64,
  // Third round: gaps the second round found, closed in the suite (they survived it before).
  hasNextPageFullPage,
  idempotentReplayActsAgain,
  idempotencySharedAcrossKeys,
  idempotencyTriggerBodyIgnored,
  idempotencyPathIgnored,
  deniedTransferReservesIdempotencyKey,
  resourceGuardAccountList,
  scopeListScopesInterchangeable,
  explicitForeignIdReadable,
  firstLeadingZeroRefused,
  dateFractionRefused,
  enumCaseInsensitive,
  triggerNullBodyAsEmpty,
  dateOffsetIgnored,
  roleNarrowingDropsFilters,
  forbiddenMessageLeaksDetails,
  requestIdNotEchoedOn400,
  createdAtLocalOffset,
  // Fourth round (mutant hunt 3): shapes, scope on listCards, pair target, wildcard on path IDs, foreign executions, created objects, idempotency, request IDs, body validation.
  transferRuleExecutionIdEmpty,
  accountCanBeDestinationMissing,
  cardExpirationUnpaddedMonth,
  cardTransactionDirectionUpper,
  executionTransferIdsJoined,
  ruleStepsMissing,
  emptyPageWithoutPageInfo,
  scopeUncheckedListCards,
  transferPairSourceOnly,
  starOnlyForFilters,
  executionsForeignRuleListed,
  transferMissingDestinationCreated,
  createdTransferUnlistedForDestination,
  createdTransferUnguarded,
  disabledRule409AfterStart,
  idempotentReplayStatus200,
  idempotencyRawBodyCompare,
  executionVisibleAfterDelay,
  requestIdLowercased,
  errorRequestIdDiffers,
  nullDescriptionRefused,
  amountNumericStringAccepted,
  descriptionNumberAccepted,
  triggerAmountStringAccepted,
  triggerArrayBodyAccepted,
  ruleDisabledCodeConflict,
  listRulesSourceFilterIgnored,
  cardTransactionsAscending,
  cardTransactionsDatesIgnored,
  accountRoleSwapped,
  // Fourth round: near-miss IDs and keys, max_amount 0, a hidden page-size cap (closed in the suite).
  authKeySuffixIgnored,
  resourceGuardPrefixMatch,
  transferMaxAmountZeroUnlimited,
  firstCapped50,
  lookupTrailingSpaceIgnored,
  // Round 4 of the hunt.
  pageOffsetCursors,
  listRulesAllOrgs,
  createdTransferOriginMissing,
  foreign404NamesResource,
  scopeUncheckedCreateTransfer,
  scopeUncheckedTrigger,
  executionTriggerDetailsEmpty,
  description255Refused,
  amountOneCentRefused,
  first100Refused,
  createdTransferToExternalInternal,
  // Fifth round: unlisted executions of a disabled rule, a 500 on a long query value (closed in the suite).
  executionsOfDisabledRuleUnlisted,
  longQueryValueCrashes,
  // Sentences without a check of their own (issue 14).
  executionStatusFlaps,
  defaultPageSize10,
  idempotencyBeforeValidation,
  // Robustness: a crash on one unusual input of each kind the robustness phase generates.
  idWithSlashCrashes,
  repeatedQueryCrashes,
  deepBodyCrashes,
  nonFiniteAmountCrashes,
  methodNotAllowedCrashes,
  acceptHeaderCrashes,
  // Stateful sequences (issue 17): faults only a second request, in parallel, in time or between pages, shows.
  idempotencyRace,
  cursorCarriesFilters,
  pageOffsetCursorsSigned,
  idempotencyRefusalClears,
  lookupCaseInsensitive,
  idempotencyWindowShort,
  executionsListedSettledEarly,
  idsReusedWithinATick,
]);
