/** Times are written with the offset `+00:00` instead of `Z` (both are RFC 3339 UTC). */
import { serialize, type Json, type Serialize } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

const utc = (j: Json): Json =>
  typeof j.created_at === 'string' ? { ...j, created_at: j.created_at.replace(/Z$/, '+00:00') } : j;

const part: Serialize = {
  account: (s, x) => utc(serialize.account(s, x)),
  ruleSummary: (s, x) => utc(serialize.ruleSummary(s, x)),
  rule: (s, x) => utc(serialize.rule(s, x)),
  execution: (s, x) => utc(serialize.execution(s, x)),
  transfer: (s, x) => utc(serialize.transfer(s, x)),
  card: (s, x) => utc(serialize.card(s, x)),
  cardTransaction: (s, x) => utc(serialize.cardTransaction(s, x)),
  envelope: serialize.envelope,
};

export default defineVariant({
  id: 'times-plus-zero-offset',
  description: 'created_at is written 2024-01-15T10:00:00+00:00 (UTC, numeric offset) instead of 2024-01-15T10:00:00Z.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part,
});
