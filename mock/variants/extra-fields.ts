/** Every resource object carries fields beyond C-SHAPE's minimum (the contract allows more). */
import { serialize, type Json, type Serialize } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

const more = (object: string, j: Json): Json => ({
  ...j,
  object,
  metadata: { source: 'variant' },
  livemode: false,
  updated_at: j.created_at,
});

const part: Serialize = {
  account: (s, x) => ({ ...more('account', serialize.account(s, x)), currency: 'USD' }),
  ruleSummary: (s, x) => more('rule', serialize.ruleSummary(s, x)),
  rule: (s, x) => ({ ...more('rule', serialize.rule(s, x)), version: 3 }),
  execution: (s, x) => more('rule_execution', serialize.execution(s, x)),
  transfer: (s, x) => ({ ...more('transfer', serialize.transfer(s, x)), fee_in_cents: 0 }),
  card: (s, x) => ({ ...more('card', serialize.card(s, x)), network: 'visa' }),
  cardTransaction: (s, x) => ({ ...more('card_transaction', serialize.cardTransaction(s, x)), mcc: '5411' }),
  envelope: serialize.envelope,
};

export default defineVariant({
  id: 'extra-fields',
  description:
    'Resource objects carry extra fields (object, metadata, livemode, updated_at, currency, fee_in_cents, network, mcc).',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part,
});
