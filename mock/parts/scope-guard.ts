/** `scopeGuard` part (C-PERM-3): the key must hold an entry for the operation's scope. */
import { OPERATION_SCOPES, type ApiKey, type OperationId } from '../types.ts';

/** True when `key` has any entry for the scope `op` needs. */
export type ScopeGuard = (key: ApiKey, op: OperationId) => boolean;

/** Default scope check. */
export const scopeGuard: ScopeGuard = (key, op) => key.scopes.has(OPERATION_SCOPES[op]);
