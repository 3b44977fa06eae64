/** Account and card lookups ignore the organization, so a `*` key reads another org's objects (C-ORG-1). */
import { lookup } from '../parts/lookup.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'lookup-star-crosses-orgs',
  description:
    "Accounts and cards are found by ID alone: with '*' a key reads another organization's account or card (200 instead of 404).",
  replaces: 'lookup',
  clauses: ['C-ORG-1'],
  part: {
    ...lookup,
    account: (store, _org, id) => store.accounts.get(id),
    card: (store, _org, id) => store.cards.get(id),
  },
});
