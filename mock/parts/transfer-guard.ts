/**
 * `transferGuard` part (C-PERM-6): some MANUAL_TRANSFER entry must have `source` equal to the
 * source account (or `*`), `target` equal to the destination (or `*`), and no `max_amount` or
 * an amount at most `max_amount`. Entries are a union; pairs are directed.
 */
import { fail, type Ctx, type Fail } from '../types.ts';

/** Returns a 403 failure, or undefined when a pair allows the transfer. */
export type TransferGuard = (ctx: Ctx, source: string, target: string, amount: number) => Fail | undefined;

/** Default pair and amount check. */
export const transferGuard: TransferGuard = (ctx, source, target, amount) => {
  for (const p of ctx.key.pairs) {
    if (
      (p.source === '*' || p.source === source) &&
      (p.target === '*' || p.target === target) &&
      (p.max_amount == null || amount <= p.max_amount)
    )
      return undefined;
  }
  return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
};
