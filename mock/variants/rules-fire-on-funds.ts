/** Money arriving in an account fires the enabled ON_FUNDS_TRANSFERRED rules whose trigger account it is. */
import { effects } from '../parts/effects.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'rules-fire-on-funds',
  description:
    'A transfer created into the trigger account of an enabled ON_FUNDS_TRANSFERRED rule starts an on_funds_transferred execution of that rule, as the real service would.',
  replaces: 'effects',
  clauses: ['C-STATE-1', 'C-STATE-2'],
  part: {
    ...effects,
    createTransfer(ctx, source, destination, amount, description) {
      const rec = effects.createTransfer(ctx, source, destination, amount, description);
      for (const rule of ctx.store.rulesByOrg.get(ctx.key.org) ?? []) {
        if (
          rule.status !== 'enabled' ||
          rule.trigger_type !== 'ON_FUNDS_TRANSFERRED' ||
          rule.source_id !== destination.id
        )
          continue;
        const ex = effects.triggerRule(ctx, rule, null);
        ex.trigger_type = 'on_funds_transferred';
        ex.trigger_details = { type: 'on_funds_transferred', transfer_id: rec.id };
      }
      return rec;
    },
  },
});
