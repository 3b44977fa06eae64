/** For a key without `*`, a card that does not exist answers 403 instead of 404 (C-PERM-5, C-FOUND-1). */
import { routers } from '../routes/index.ts';
import { cardsRouter } from '../routes/cards.ts';
import { fail, type Ctx, type Outcome } from '../types.ts';
import { defineMutant } from './define.ts';

function hideMissing(handler: (ctx: Ctx) => Outcome): (ctx: Ctx) => Outcome {
  return (ctx) => {
    const out = handler(ctx);
    if (!out.ok && out.kind === 'resource_not_found' && !ctx.key.scopes.get('READ_CARDS')?.star)
      return fail('forbidden', 'This API key may not access this resource.');
    return out;
  };
}

export default defineMutant({
  id: 'missing-card-forbidden',
  description:
    'To "hide existence", getCard and listCardTransactions answer 403 instead of 404 for unknown cards when the key holds a narrow READ_CARDS list.',
  replaces: 'routers',
  clauses: ['C-PERM-5', 'C-FOUND-1'],
  part: {
    ...routers,
    cards: {
      ...cardsRouter,
      getCard: hideMissing(cardsRouter.getCard),
      listCardTransactions: hideMissing(cardsRouter.listCardTransactions),
    },
  },
});
