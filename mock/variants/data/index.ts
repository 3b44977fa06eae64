/** Data variants (see define-data.ts): conforming servers holding data the reference seed never has. */
import type { BenignVariant } from '../define.ts';
import accountsCreatedSameInstant from './accounts-created-same-instant.ts';
import amountsLarge from './amounts-large.ts';
import amountsOneCent from './amounts-one-cent.ts';
import cardTransactionsSameInstant from './card-transactions-same-instant.ts';
import executionsWithoutTransfers from './executions-without-transfers.ts';
import externalToExternal from './external-to-external.ts';
import hostileText from './hostile-text.ts';
import otherOrgMinimal from './other-org-minimal.ts';
import rulesFromIdleAccount from './rules-from-idle-account.ts';
import timesCoincidePerDay from './times-coincide-per-day.ts';

export const ALL_DATA_VARIANTS: readonly BenignVariant[] = [
  cardTransactionsSameInstant,
  timesCoincidePerDay,
  hostileText,
  amountsOneCent,
  amountsLarge,
  executionsWithoutTransfers,
  externalToExternal,
  rulesFromIdleAccount,
  otherOrgMinimal,
  accountsCreatedSameInstant,
];
