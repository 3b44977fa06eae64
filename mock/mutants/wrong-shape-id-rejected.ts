/** Path IDs without their kind's prefix are refused with 400 by validation (C-FOUND-2). */
import { validators } from '../parts/validators.ts';
import { fail, type Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const shaped = (prefix: string, v: (ctx: Ctx) => ReturnType<typeof validators.getCard>) => (ctx: Ctx) =>
  ctx.pathId !== undefined && !ctx.pathId.startsWith(prefix)
    ? fail('invalid_request', `Malformed ID: expected ${prefix}…`)
    : v(ctx);

export default defineMutant({
  id: 'wrong-shape-id-rejected',
  description:
    'getAccount, getRule, getTransfer, getCard and getRuleExecution validate the ID prefix and answer 400 for an ID of the wrong shape instead of 403/404.',
  replaces: 'validators',
  // The suite expects 403/404 there and cites the clause of that outcome.
  clauses: ['C-FOUND-2', 'C-FOUND-1', 'C-PERM-4', 'C-PERM-5'],
  part: {
    ...validators,
    getAccount: shaped('acc_', validators.getAccount),
    getRule: shaped('rule_', validators.getRule),
    getTransfer: shaped('txr_', validators.getTransfer),
    getCard: shaped('card_', validators.getCard),
    getRuleExecution: shaped('rex_', validators.getRuleExecution),
  },
});
