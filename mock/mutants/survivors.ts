/**
 * Mutants the suite does NOT kill yet: realistic single-part faults, each a violation of a MUST
 * clause, that the generated matrix never provokes or no check notices. They are kept out of
 * {@link MUTANTS} so the gate stays green; each is a gap of the suite to close, after which it
 * moves to index.ts. Same shape as the gate's mutants (one part each, file named after the id).
 */
import type { Mutant } from './index.ts';
import authKeySuffixIgnored from './auth-key-suffix-ignored.ts';
import resourceGuardPrefixMatch from './resource-guard-prefix-match.ts';
import transferMaxAmountZeroUnlimited from './transfer-max-amount-zero-unlimited.ts';
import firstCapped50 from './first-capped-50.ts';
import lookupTrailingSpaceIgnored from './lookup-trailing-space-ignored.ts';

/**
 * Surviving mutants of round 3 (the 18 of the second round were closed and moved to index.ts).
 * Evidence per mutant (reference mock vs mutant, seed 1):
 * - auth-key-suffix-ignored: `GET /accounts` with `Authorization: ApiKey <main-full secret>x` -> 200
 *   (reference 401). C-AUTH-1: "a key the server does not know MUST get 401". The matrix's unknown
 *   keys are unrelated strings; it never sends a valid key with characters appended (or cut off).
 * - resource-guard-prefix-match: key main-account-one (READ_ACCOUNTS [acc_01H00000000ZAE7J9W9XS96XC7])
 *   `GET /accounts/acc_01H00000000ZAE7J9W9XS96XC70` -> 404 (reference 403). C-PERM-4: an ID outside
 *   the list MUST get 403 even if no such resource exists. The matrix's out-of-list IDs are other
 *   real IDs or unrelated made-up ones, never an extension of a listed ID.
 * - transfer-max-amount-zero-unlimited: a key whose only MANUAL_TRANSFER entry is
 *   {source: pod1, target: pod2, max_amount: 0} `POST /transfers` pod1 -> pod2 100c -> 201 (reference
 *   403). C-PERM-6. The key plan has no entry with max_amount 0, so the falsy-zero bug is never provoked.
 * - first-capped-50: `GET /transfers?account_id=<main income source>&first=100` returns 50 items with
 *   has_next_page true (the account has 56 transfers; the reference returns all 56, has_next_page false).
 *   C-LIST-3 ("paged by first (1..100)"). The page walk at first=100 still sees every item once, and
 *   the first_100 boundary case judges only the status; no check compares a page's length with
 *   min(first, remaining) when has_next_page is true.
 * - lookup-trailing-space-ignored: key main-full `GET /accounts/acc_01H00000000ZAE7J9W9XS96XC7%20`
 *   -> 200 with acc_01H00000000ZAE7J9W9XS96XC7 (reference 404). C-FOUND-1/C-FOUND-2: an ID no resource
 *   has is 404 under `*`, never 200. The matrix's unknown IDs are never a real ID plus padding.
 */
export const SURVIVORS: readonly Mutant[] = Object.freeze([
  authKeySuffixIgnored,
  resourceGuardPrefixMatch,
  transferMaxAmountZeroUnlimited,
  firstCapped50,
  lookupTrailingSpaceIgnored,
]);
