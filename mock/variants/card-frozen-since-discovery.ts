/**
 * A card's status changed after discovery: the first active card of each organization is
 * `frozen` here (a user froze it in the app). Card status is mutable (contract notes #7).
 */
import { Store } from '../store.ts';
import { defineVariant } from './define.ts';

class FrozenCardStore extends Store {
  constructor(...args: ConstructorParameters<typeof Store>) {
    super(...args);
    for (const org of this.orgLabels) {
      const card = (this.cardsByOrg.get(org) ?? []).find((c) => c.status === 'active');
      if (card) card.status = 'frozen';
    }
  }
}

export default defineVariant({
  id: 'card-frozen-since-discovery',
  description: 'One active card per organization has been frozen since the suite discovered it.',
  replaces: 'store',
  clauses: ['C-LIST-1', 'C-LIST-2'],
  part: (data, keys, config, newId) => new FrozenCardStore(data, keys, config, newId),
});
