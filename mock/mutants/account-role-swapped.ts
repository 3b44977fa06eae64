/** `account_role=source` and `destination` are swapped (C-LIST-1, C-LIST-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'account-role-swapped',
  description:
    "The role filter is written from the counterparty's point of view: account_role=source returns transfers where the account is the destination, and vice versa.",
  replaces: 'filters',
  clauses: ['C-LIST-1', 'C-LIST-2'],
  part: {
    ...filters,
    listTransfers: (store, org, input) =>
      filters.listTransfers(store, org, {
        ...input,
        role: input.role === 'source' ? 'destination' : input.role === 'destination' ? 'source' : input.role,
      }),
  },
});
