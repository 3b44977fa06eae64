/** Times are written in the server's local zone (+02:00) instead of UTC (C-SHAPE, C-BODY-1). */
import { serialize, type Json, type Serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

const OFFSET_MS = 2 * 60 * 60 * 1000;

function local(j: Json): Json {
  const t = j.created_at;
  if (typeof t !== 'string') return j;
  const ms = Date.parse(t);
  return {
    ...j,
    created_at: new Date(ms + OFFSET_MS).toISOString().replace(/\.\d{3}Z$|Z$/, (z) => `${z.slice(0, -1)}+02:00`),
  };
}

const part: Serialize = {
  account: (s, x) => local(serialize.account(s, x)),
  ruleSummary: (s, x) => local(serialize.ruleSummary(s, x)),
  rule: (s, x) => local(serialize.rule(s, x)),
  execution: (s, x) => local(serialize.execution(s, x)),
  transfer: (s, x) => local(serialize.transfer(s, x)),
  card: (s, x) => local(serialize.card(s, x)),
  cardTransaction: (s, x) => local(serialize.cardTransaction(s, x)),
  envelope: serialize.envelope,
};

export default defineMutant({
  id: 'created-at-local-offset',
  description:
    'created_at is formatted in the server time zone, e.g. 2024-01-15T12:00:00+02:00, instead of the RFC 3339 UTC form the contract requires.',
  replaces: 'serialize',
  clauses: ['C-BODY-1'],
  part,
});
