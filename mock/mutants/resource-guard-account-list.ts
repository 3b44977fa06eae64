/** listTransfers and listCards check account_id against READ_ACCOUNTS instead of their own scope's list (C-PERM-4). */
import { resourceGuard } from '../parts/resource-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'resource-guard-account-list',
  description:
    'The request-addressed check of listTransfers and listCards reads the key\'s READ_ACCOUNTS list ("may see the account") instead of its READ_TRANSFERS or READ_CARDS list.',
  replaces: 'resourceGuard',
  clauses: ['C-PERM-4'],
  part: (ctx, scope, id) =>
    resourceGuard(ctx, scope === 'READ_TRANSFERS' || scope === 'READ_CARDS' ? 'READ_ACCOUNTS' : scope, id),
});
