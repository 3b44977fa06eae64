/**
 * `lookup` part (C-FOUND, C-ORG-1): finds a resource by ID within the key's organization.
 * Another organization's resources do not exist for the key.
 */
import type { Store } from '../store.ts';
import type { AccountRec, CardRec, ExecutionRec, RuleRec, TransferRec } from '../types.ts';

/** One finder per kind; undefined means 404. */
export interface Lookup {
  account(store: Store, org: string, id: string): AccountRec | undefined;
  rule(store: Store, org: string, id: string): RuleRec | undefined;
  execution(store: Store, org: string, id: string): ExecutionRec | undefined;
  transfer(store: Store, org: string, id: string): TransferRec | undefined;
  card(store: Store, org: string, id: string): CardRec | undefined;
}

function inOrg<T extends { org: string }>(rec: T | undefined, org: string): T | undefined {
  return rec !== undefined && rec.org === org ? rec : undefined;
}

/** Default organization-scoped lookups. */
export const lookup: Lookup = {
  account: (store, org, id) => inOrg(store.accounts.get(id), org),
  rule: (store, org, id) => inOrg(store.rules.get(id), org),
  execution: (store, org, id) => inOrg(store.executions.get(id), org),
  transfer: (store, org, id) => inOrg(store.transfers.get(id), org),
  card: (store, org, id) => inOrg(store.cards.get(id), org),
};
