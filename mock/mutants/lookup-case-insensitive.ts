/** IDs are compared case-insensitively (a _ci collation): "ACC_01H…" finds acc_01H… (C-FOUND-2). */
import { lookup, type Lookup } from '../parts/lookup.ts';
import type { Store } from '../store.ts';
import { defineMutant } from './define.ts';

function folded<T extends { org: string }>(map: ReadonlyMap<string, T>, org: string, id: string): T | undefined {
  const want = id.toLowerCase();
  for (const [k, v] of map) if (k.toLowerCase() === want && v.org === org) return v;
  return undefined;
}

const part: Lookup = {
  account: (s: Store, org, id) => lookup.account(s, org, id) ?? folded(s.accounts, org, id),
  rule: (s: Store, org, id) => lookup.rule(s, org, id) ?? folded(s.rules, org, id),
  execution: (s: Store, org, id) => lookup.execution(s, org, id) ?? folded(s.executions, org, id),
  transfer: (s: Store, org, id) => lookup.transfer(s, org, id) ?? folded(s.transfers, org, id),
  card: (s: Store, org, id) => lookup.card(s, org, id) ?? folded(s.cards, org, id),
};

export default defineMutant({
  id: 'lookup-case-insensitive',
  description:
    'The ID column uses a case-insensitive collation (MySQL utf8mb4_general_ci): "ACC_01H…" or "card_01h…" finds the object and answers 200 where no such ID exists.',
  replaces: 'lookup',
  clauses: ['C-FOUND-2', 'C-FOUND-1'],
  part,
});
