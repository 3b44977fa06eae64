/** listTransfers never checks its `account_id` against the key's READ_TRANSFERS list (C-PERM-4). */
import { resourceGuard } from '../parts/resource-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'resource-unchecked-list-transfers',
  description:
    'The request-addressed check is skipped on listTransfers: any account of the organization can be listed (200 instead of 403).',
  replaces: 'resourceGuard',
  clauses: ['C-PERM-4'],
  part: (ctx, scope, id) => (ctx.op === 'listTransfers' ? undefined : resourceGuard(ctx, scope, id)),
});
