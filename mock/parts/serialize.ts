/**
 * `serialize` part (C-SHAPE, C-BODY-2): stored records to the API's JSON shapes, and the
 * success envelope `{request_id, data}` (+ `page_info`). Fields are picked one by one, so no
 * internal field ever reaches a body.
 */
import type { Store } from '../store.ts';
import type { components } from '../../openapi/sequence.d.ts';
import type { AccountRec, CardRec, CardTxnRec, ExecutionRec, PageInfo, RuleRec, TransferRec } from '../types.ts';

/** The contract's shapes (generated from openapi/sequence.yaml): the reference serializers are checked against them, so a schema change breaks the mock's build. */
type Shape = components['schemas'];

/** JSON object. */
export type Json = Record<string, unknown>;

/** One serializer per shape, plus the envelope. */
export interface Serialize {
  account(store: Store, a: AccountRec): Json;
  ruleSummary(store: Store, r: RuleRec): Json;
  rule(store: Store, r: RuleRec): Json;
  execution(store: Store, e: ExecutionRec): Json;
  transfer(store: Store, t: TransferRec): Json;
  card(store: Store, c: CardRec): Json;
  cardTransaction(store: Store, x: CardTxnRec): Json;
  envelope(requestId: string, data: unknown, pageInfo?: PageInfo): Json;
}

function ref(store: Store, id: string): Shape['AccountRef'] {
  const a = store.accounts.get(id);
  return a
    ? { id: a.id, name: a.name, type: a.type as Shape['AccountType'] }
    : { id, name: '', type: 'external_account' };
}

function ruleSummary(store: Store, r: RuleRec): Shape['RuleSummary'] {
  return {
    id: r.id,
    nickname: r.nickname,
    description: r.description,
    status: r.status,
    trigger_type: r.trigger_type,
    source: ref(store, r.source_id),
    created_at: r.created_at,
  };
}

/** Default serializers. */
export const serialize: Serialize = {
  account: (_store, a): Shape['Account'] => ({
    id: a.id,
    name: a.name,
    type: a.type,
    description: a.description,
    external_account_type: a.external_account_type,
    beneficiary_name: a.beneficiary_name,
    institution_name: a.institution_name,
    can_be_source: a.can_be_source,
    can_be_destination: a.can_be_destination,
    balance_in_cents: a.balance_in_cents,
    created_at: a.created_at,
  }),
  ruleSummary,
  rule: (store, r): Shape['Rule'] => ({
    ...ruleSummary(store, r),
    trigger: { type: r.trigger_type, account_id: r.source_id },
    steps: r.steps,
  }),
  execution: (store, e): Shape['RuleExecution'] => ({
    id: e.id,
    rule_id: e.rule_id,
    rule_name: store.rules.get(e.rule_id)?.nickname ?? '',
    trigger_type: e.trigger_type,
    status: e.status,
    trigger_details: e.trigger_details,
    transfer_ids: e.transfer_ids.slice(),
    created_at: e.created_at,
  }),
  transfer: (store, t): Shape['Transfer'] => ({
    id: t.id,
    amount_in_cents: t.amount_in_cents,
    direction: t.direction,
    origin: t.origin,
    status: t.status,
    source: ref(store, t.source_id),
    destination: ref(store, t.destination_id),
    description: t.description,
    rule_execution_id: t.rule_execution_id,
    created_at: t.created_at,
  }),
  card: (_store, c): Shape['Card'] => ({
    id: c.id,
    type: c.type,
    status: c.status,
    last_four: c.last_four,
    holder_name: c.holder_name,
    expiration_date: c.expiration_date,
    account_id: c.account_id,
    created_at: c.created_at,
  }),
  cardTransaction: (_store, x): Shape['CardTransaction'] => ({
    id: x.id,
    card_id: x.card_id,
    amount_in_cents: x.amount_in_cents,
    direction: x.direction,
    merchant_name: x.merchant_name,
    status: x.status,
    created_at: x.created_at,
  }),
  envelope: (requestId, data, pageInfo) =>
    pageInfo === undefined ? { request_id: requestId, data } : { request_id: requestId, data, page_info: pageInfo },
};
