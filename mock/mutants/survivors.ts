/**
 * Mutants the suite does NOT kill yet: realistic single-part faults, each a violation of a MUST
 * clause, that the generated matrix never provokes or no check notices. They are kept out of
 * {@link MUTANTS} so the gate stays green; each is a gap of the suite to close, after which it
 * moves to index.ts. Same shape as the gate's mutants (one part each, file named after the id).
 */
import type { Mutant } from './index.ts';
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

/** Surviving mutants, grouped by contract area. */
export const SURVIVORS: readonly Mutant[] = Object.freeze([
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
]);
