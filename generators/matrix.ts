/**
 * The matrix: every cell of keys × operations × resources × variants, each a plain {@link Case}
 * with the oracle's expectation and an id hashed from its content (generators/cells.ts), under
 * the profile's mutations policy. Multi-request scenarios are built beside it, by the registered
 * scenario kinds (suites/scenarios/).
 */
import type { Contract } from '../openapi/types.ts';
import type { Case } from './case-types.ts';
import { credentialCells, listCells, permissionCells, requestIdCells, validationCells } from './cells.ts';
import type { Inventory } from './inventory.ts';
import { matrixContext, orgOf, type MatrixCtx, type MatrixOptions } from './matrix-context.ts';
import type { KeySpec, MutationPolicy } from './profile.ts';

export { canonicalJson, contentId, missingId, WRONG_SHAPE_ID } from './ids.ts';
export { requestIdVariants, defectsFor } from './request-variants.ts';
export type { MatrixCtx, MatrixOptions } from './matrix-context.ts';

/** The generated cases. */
export interface Matrix {
  seed: number;
  /** The cases the mutations policy lets through. */
  cases: Case[];
  /** Every case the inventory and keys define, before the mutations policy. */
  defined: number;
  /** The cases the mutations policy left out (counted as defined, never sent). */
  withheld: Case[];
  /** Cells that could not be generated, and why (for the report's coverage section). */
  notGenerated: string[];
  /** The context the cases were built in, for the scenario builders. */
  ctx: MatrixCtx;
}

/** Builds every case for `keys` over `inventory`. Pure: the same inputs give the same matrix. */
export function buildMatrix(contract: Contract, inventory: Inventory, keys: KeySpec[], options: MatrixOptions): Matrix {
  const ctx = matrixContext(contract, inventory, keys, options);
  for (const u of inventory.undiscovered) ctx.notGenerated.push(`organization ${u.org}: ${u.reason}`);
  const live = keys.filter((k) => !k.revoked);
  for (const op of contract.operations) {
    credentialCells(ctx, op);
    for (const key of live) {
      if (!orgOf(ctx, key.org)) continue;
      permissionCells(ctx, op, key);
      validationCells(ctx, op, key);
    }
    requestIdCells(ctx, op);
    listCells(ctx, op);
  }
  const all = [...ctx.cases.values()];
  const cases = all.filter((c) => mayWrite(c, ctx.opts.mutations));
  const withheld = all.filter((c) => !mayWrite(c, ctx.opts.mutations));
  if (cases.length < all.length)
    ctx.notGenerated.push(
      `${all.length - cases.length} write cells not sent: mutations is ${ctx.opts.mutations} (they would move money or start rules)`,
    );
  return { seed: ctx.opts.seed, cases, defined: all.length, withheld, notGenerated: ctx.notGenerated, ctx };
}

/** Whether the mutations policy lets a case be sent: reads always; writes under `all`; under `denied-only`, writes the contract refuses. */
export function mayWrite(c: Case, policy: MutationPolicy): boolean {
  if (!c.write || policy === 'all') return true;
  return policy === 'denied-only' && (c.expect.status < 200 || c.expect.status > 299);
}
