/**
 * `filters` part (C-LIST-1, C-LIST-2): which items a list holds. Paged lists answer a base list
 * (ascending by created time, from the store's indexes) and a predicate; the `paginate` part
 * walks it newest first. Unpaged lists answer their items.
 */
import type { Store } from '../store.ts';
import type { AccountRec, AccountType, CardRec, CardTxnRec, ExecutionRec, RuleRec, TransferRec } from '../types.ts';
import type {
  ListCardsInput,
  ListCardTransactionsInput,
  ListExecutionsInput,
  ListTransfersInput,
  PageInput,
} from './validators.ts';

/** A paged list before paging: base items (ascending) and which of them match. */
export interface Selection<T> {
  base: readonly T[];
  keep: ((item: T) => boolean) | undefined;
}

/** One selector per list operation. */
export interface Filters {
  listAccounts(store: Store, org: string, input: { type: AccountType | undefined }): AccountRec[];
  listRules(store: Store, org: string, input: { sourceId: string | undefined }): RuleRec[];
  listCards(store: Store, org: string, input: ListCardsInput): CardRec[];
  listTransfers(store: Store, org: string, input: ListTransfersInput): Selection<TransferRec>;
  listRuleExecutions(store: Store, org: string, input: ListExecutionsInput): Selection<ExecutionRec>;
  listCardTransactions(store: Store, card: CardRec, input: ListCardTransactionsInput): Selection<CardTxnRec>;
}

type Pred<T> = (item: T) => boolean;

function all<T>(preds: Array<Pred<T> | undefined>): Pred<T> | undefined {
  const list = preds.filter((p): p is Pred<T> => p !== undefined);
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return (item) => {
    for (const p of list) if (!p(item)) return false;
    return true;
  };
}

function dateRange<T extends { createdMs: number }>(input: PageInput): Array<Pred<T> | undefined> {
  const { fromMs, toMs } = input;
  return [
    fromMs === undefined ? undefined : (i) => i.createdMs >= fromMs,
    toMs === undefined ? undefined : (i) => i.createdMs <= toMs,
  ];
}

function eq<T>(value: string | undefined, get: (item: T) => string): Pred<T> | undefined {
  return value === undefined ? undefined : (item) => get(item) === value;
}

const EMPTY: readonly never[] = [];

/** Default filters. */
export const filters: Filters = {
  listAccounts: (store, org, { type }) => {
    const list = store.accountsByOrg.get(org) ?? [];
    return type === undefined ? list : list.filter((a) => a.type === type);
  },
  listRules: (store, org, { sourceId }) => {
    const list = store.rulesByOrg.get(org) ?? [];
    return sourceId === undefined ? list : list.filter((r) => r.source_id === sourceId);
  },
  listCards: (store, org, { accountId, status, type }) => {
    const base =
      accountId === undefined ? (store.cardsByOrg.get(org) ?? []) : (store.cardsByAccount.get(accountId) ?? []);
    return base.filter(
      (c) => c.org === org && (status === undefined || c.status === status) && (type === undefined || c.type === type),
    );
  },
  listTransfers: (store, org, input) => {
    const acc = input.accountId;
    const base =
      acc === undefined ? (store.transfersByOrg.get(org) ?? EMPTY) : (store.transfersByAccount.get(acc) ?? EMPTY);
    const role: Pred<TransferRec> | undefined =
      acc === undefined || input.role === 'either'
        ? undefined
        : input.role === 'source'
          ? (t) => t.source_id === acc
          : (t) => t.destination_id === acc;
    return {
      base,
      keep: all<TransferRec>([
        role,
        eq(input.direction, (t) => t.direction),
        eq(input.origin, (t) => t.origin),
        eq(input.status, (t) => t.status),
        ...dateRange<TransferRec>(input),
      ]),
    };
  },
  listRuleExecutions: (store, org, input) => ({
    base:
      input.ruleId === undefined
        ? (store.executionsByOrg.get(org) ?? EMPTY)
        : (store.executionsByRule.get(input.ruleId) ?? EMPTY),
    keep: all<ExecutionRec>([
      eq(input.status, (e) => e.status),
      eq(input.triggerType, (e) => e.trigger_type),
      ...dateRange<ExecutionRec>(input),
    ]),
  }),
  listCardTransactions: (store, card, input) => ({
    base: store.txnsByCard.get(card.id) ?? EMPTY,
    keep: all<CardTxnRec>([eq(input.direction, (x) => x.direction), ...dateRange<CardTxnRec>(input)]),
  }),
};
