/**
 * `effects` part (C-STATE-1, C-STATE-2): the writes. A created transfer is `processing`,
 * origin `user`, with its direction from the account types, and completes after
 * `transferDelayMs`; a triggered execution is `manual` and `in_progress`, and finishes after
 * `executionDelayMs` (the store then creates its rule transfer).
 */
import { formatTime } from '../prng.ts';
import type { AccountRec, Ctx, ExecutionRec, RuleRec, TransferRec } from '../types.ts';

/** The writes of the two state-changing operations. */
export interface Effects {
  createTransfer(
    ctx: Ctx,
    source: AccountRec,
    destination: AccountRec,
    amount: number,
    description: string | null,
  ): TransferRec;
  triggerRule(ctx: Ctx, rule: RuleRec, amount: number | null): ExecutionRec;
}

/** Default writes. */
export const effects: Effects = {
  createTransfer(ctx, source, destination, amount, description) {
    const { store } = ctx;
    const createdMs = store.nextCreatedMs(ctx.now);
    const rec: TransferRec = {
      org: ctx.key.org,
      id: store.newId('txr_'),
      amount_in_cents: amount,
      direction:
        source.type === 'external_account'
          ? 'money_in'
          : destination.type === 'external_account'
            ? 'money_out'
            : 'internal',
      origin: 'user',
      status: 'processing',
      source_id: source.id,
      destination_id: destination.id,
      description,
      rule_execution_id: null,
      created_at: formatTime(createdMs),
      createdMs,
    };
    store.insertTransfer(rec, createdMs + store.config.transferDelayMs);
    return rec;
  },
  triggerRule(ctx, rule, amount) {
    const { store } = ctx;
    const createdMs = store.nextCreatedMs(ctx.now);
    const rec: ExecutionRec = {
      org: rule.org,
      id: store.newId('rex_'),
      rule_id: rule.id,
      trigger_type: 'manual',
      status: 'in_progress',
      trigger_details: { type: 'manual', manual_execute_amount: amount },
      transfer_ids: [],
      created_at: formatTime(createdMs),
      createdMs,
      amountInCents: amount ?? rule.amount_in_cents,
    };
    store.insertExecution(rec, createdMs + store.config.executionDelayMs);
    return rec;
  },
};
