/** Objects created at run time get `prefix` + a lower-case hex UUID (the contract fixes only the prefix). */
import { randomUUID } from 'node:crypto';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'runtime-ids-uuid',
  description: 'New transfers and executions are named txr_/rex_ + 32 lower-case hex digits instead of ULID-like IDs.',
  replaces: 'ids',
  clauses: ['C-FOUND-2'],
  part: () => (prefix) => `${prefix}${randomUUID().replace(/-/g, '')}`,
});
