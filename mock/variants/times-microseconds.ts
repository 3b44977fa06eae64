/** Times always carry six fraction digits (2024-01-15T10:00:00.000000Z), still RFC 3339 UTC. */
import { serialize, type Json, type Serialize } from '../parts/serialize.ts';
import { defineVariant } from './define.ts';

const micro = (j: Json): Json =>
  typeof j.created_at === 'string'
    ? { ...j, created_at: `${new Date(Date.parse(j.created_at)).toISOString().slice(0, 23)}000Z` }
    : j;

const part: Serialize = {
  account: (s, x) => micro(serialize.account(s, x)),
  ruleSummary: (s, x) => micro(serialize.ruleSummary(s, x)),
  rule: (s, x) => micro(serialize.rule(s, x)),
  execution: (s, x) => micro(serialize.execution(s, x)),
  transfer: (s, x) => micro(serialize.transfer(s, x)),
  card: (s, x) => micro(serialize.card(s, x)),
  cardTransaction: (s, x) => micro(serialize.cardTransaction(s, x)),
  envelope: serialize.envelope,
};

export default defineVariant({
  id: 'times-microseconds',
  description:
    'created_at is written with microsecond precision on every object (a database timestamp column formatted as is).',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part,
});
