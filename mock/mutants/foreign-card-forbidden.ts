/** A card of another organization is found and then refused with 403 instead of 404 (C-ORG-1). */
import { routers } from '../routes/index.ts';
import { cardsRouter } from '../routes/cards.ts';
import { fail, type Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

function foreign(ctx: Ctx) {
  const card = ctx.store.cards.get(ctx.pathId as string);
  return card !== undefined && card.org !== ctx.key.org
    ? fail('forbidden', 'This card belongs to another organization.')
    : undefined;
}

export default defineMutant({
  id: 'foreign-card-forbidden',
  description:
    'Cards are looked up by ID across organizations and a foreign one is refused with 403, revealing that it exists, where 404 is due.',
  replaces: 'routers',
  clauses: ['C-ORG-1'],
  part: {
    ...routers,
    cards: {
      ...cardsRouter,
      getCard: (ctx) => foreign(ctx) ?? cardsRouter.getCard(ctx),
      listCardTransactions: (ctx) => foreign(ctx) ?? cardsRouter.listCardTransactions(ctx),
    },
  },
});
