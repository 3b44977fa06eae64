/** Router types: each resource router maps its operations to handlers returning an {@link Outcome}. */
import { fail, type Ctx, type Fail, type OperationId, type Outcome } from '../types.ts';

/** Handles one operation after authentication and the scope check. */
export type Handler = (ctx: Ctx) => Outcome;

/** A resource router: handlers for the operations `Ops`. */
export type Router<Ops extends OperationId> = Record<Ops, Handler>;

/** The 404 of C-FOUND-1 (no resource fields, C-PERM-8). */
export function notFound(): Fail {
  return fail('resource_not_found', 'No such resource.');
}
