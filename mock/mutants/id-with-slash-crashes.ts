/** Lookups build a storage path from the ID: an ID holding `/` or NUL throws, and the request gets 500 (C-BODY-3). */
import { lookup, type Lookup } from '../parts/lookup.ts';
import { defineMutant } from './define.ts';

function pathSafe(id: string): string {
  if (id.includes('/') || id.includes('\0')) throw new Error(`unsafe storage path: ${id.length} chars`);
  return id;
}

export default defineMutant({
  id: 'id-with-slash-crashes',
  description:
    'Every lookup turns the ID into a storage path and throws on `/` or NUL instead of finding nothing: such an ID gets 500 where the contract asks for 404.',
  replaces: 'lookup',
  clauses: ['C-BODY-3'],
  part: {
    account: (store, org, id) => lookup.account(store, org, pathSafe(id)),
    rule: (store, org, id) => lookup.rule(store, org, pathSafe(id)),
    execution: (store, org, id) => lookup.execution(store, org, pathSafe(id)),
    transfer: (store, org, id) => lookup.transfer(store, org, pathSafe(id)),
    card: (store, org, id) => lookup.card(store, org, pathSafe(id)),
  } satisfies Lookup,
});
