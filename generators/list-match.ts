/**
 * Which items a list request holds: its membership parameter (with any role) and its filters,
 * read from the operation's `x-list`. The matrix uses it to predict a list, the checks to judge one.
 */
import type { Operation } from '../openapi/types.ts';
import type { RequestSpec } from './case-types.ts';
import { fieldAt, type Item } from './inventory.ts';

/** The part of a request that decides a list's items. */
export type ListRequest = Pick<RequestSpec, 'path' | 'query'>;

/** The membership value of a list request and the item fields it must match, if the operation has one. */
export function membershipOf(op: Operation, req: ListRequest): { value: string; fields: string[] } | undefined {
  const ms = op.list?.membership;
  if (!ms) return undefined;
  const q = new Map(req.query);
  let value: string | undefined;
  if (ms.in === 'query') value = q.get(ms.param);
  else {
    const m = op.path.split('/').findIndex((s) => s === `{${ms.param}}`);
    value = m >= 0 ? decodeURIComponent(req.path.split('/')[m] ?? '') : undefined;
  }
  if (!value) return undefined;
  const role = ms.role ? (q.get(ms.role.param) ?? ms.role.default) : undefined;
  const fields = role && ms.role ? (ms.role.fields[role] ?? ms.fields) : ms.fields;
  return { value, fields };
}

/** Why `item` does not belong to the list `req` asks for (C-LIST-1, C-LIST-2), or null when it does. */
export function listMiss(op: Operation, req: ListRequest, item: Item): string | null {
  const q = new Map(req.query);
  const ms = membershipOf(op, req);
  if (ms && !ms.fields.some((f) => fieldAt(item, f) === ms.value))
    return `${item.id}: none of ${ms.fields.join(', ')} is ${ms.value}`;
  for (const f of op.list?.filters ?? []) {
    const v = q.get(f.param);
    if (v === undefined) continue;
    const actual = fieldAt(item, f.field);
    if (f.op === 'eq' && actual !== v)
      return `${item.id}: ${f.field} is ${JSON.stringify(actual)}, filter ${f.param}=${v}`;
    if (f.op !== 'eq') {
      const a = Date.parse(String(actual));
      const b = Date.parse(v);
      if (Number.isNaN(a) || (f.op === 'gte' ? a < b : a > b))
        return `${item.id}: ${f.field} ${String(actual)} is not ${f.op === 'gte' ? '>=' : '<='} ${v}`;
    }
  }
  return null;
}
