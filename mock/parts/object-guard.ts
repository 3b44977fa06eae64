/**
 * `objectGuard` part (C-PERM-5): after the object was found, its linked account or rule must
 * be in the key's list: the execution's `rule_id`, the transfer's source OR destination, the
 * card's `account_id`.
 */
import {
  OPERATION_SCOPES,
  fail,
  type CardRec,
  type Ctx,
  type ExecutionRec,
  type Fail,
  type OperationId,
  type TransferRec,
} from '../types.ts';

/** Returns a 403 failure (carrying the object as `subject`), or undefined when allowed. */
export type ObjectGuard = (ctx: Ctx, op: OperationId, object: ExecutionRec | TransferRec | CardRec) => Fail | undefined;

/** The IDs of `object` any one of which the key's list must cover. */
export function linkedIds(op: OperationId, object: ExecutionRec | TransferRec | CardRec): string[] {
  switch (op) {
    case 'getRuleExecution':
      return [(object as ExecutionRec).rule_id];
    case 'getTransfer':
      return [(object as TransferRec).source_id, (object as TransferRec).destination_id];
    default:
      return [(object as CardRec).account_id];
  }
}

/** Default object-addressed check. */
export const objectGuard: ObjectGuard = (ctx, op, object) => {
  const list = ctx.key.scopes.get(OPERATION_SCOPES[op]);
  if (list && (list.star || linkedIds(op, object).some((id) => list.ids.has(id)))) return undefined;
  return fail('forbidden', 'This API key may not access this resource.', object);
};
