/** IDs are compared with trailing spaces ignored (a PAD SPACE collation) (C-FOUND-1, C-FOUND-2). */
import { lookup, type Lookup } from '../parts/lookup.ts';
import { defineMutant } from './define.ts';

const trim = (id: string) => id.replace(/ +$/, '');

const part: Lookup = {
  account: (s, org, id) => lookup.account(s, org, trim(id)),
  rule: (s, org, id) => lookup.rule(s, org, trim(id)),
  execution: (s, org, id) => lookup.execution(s, org, trim(id)),
  transfer: (s, org, id) => lookup.transfer(s, org, trim(id)),
  card: (s, org, id) => lookup.card(s, org, trim(id)),
};

export default defineMutant({
  id: 'lookup-trailing-space-ignored',
  description:
    'The ID column uses a PAD SPACE collation (MySQL default), so "acc_X " (trailing space, %20 in the path) finds acc_X and answers 200 where no such ID exists (404).',
  replaces: 'lookup',
  clauses: ['C-FOUND-1', 'C-FOUND-2'],
  part,
});
