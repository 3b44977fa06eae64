/** getTransfer skips the account check for transfers created through the API (C-PERM-5). */
import { objectGuard } from '../parts/object-guard.ts';
import type { TransferRec } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'created-transfer-unguarded',
  description:
    'API-created transfers are served from a write-through cache that skips the permission check: any key with READ_TRANSFERS reads them, whatever their accounts.',
  replaces: 'objectGuard',
  clauses: ['C-PERM-5', 'C-STATE-1'],
  part: (ctx, op, object) =>
    op === 'getTransfer' && (object as TransferRec).origin === 'user' && object.id.startsWith('txr_01J')
      ? undefined
      : objectGuard(ctx, op, object),
});
