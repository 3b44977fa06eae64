/** A 404 for another organization's object names that object (C-PERM-8, C-ORG-1). */
import { routers, type Routers } from '../routes/index.ts';
import type { Handler } from '../routes/types.ts';
import { defineMutant } from './define.ts';

function leak(h: Handler): Handler {
  return (ctx) => {
    const out = h(ctx);
    if (out.ok || out.kind !== 'resource_not_found' || ctx.pathId === undefined) return out;
    const s = ctx.store;
    const rec = (s.accounts.get(ctx.pathId) ??
      s.rules.get(ctx.pathId) ??
      s.cards.get(ctx.pathId) ??
      s.transfers.get(ctx.pathId) ??
      s.executions.get(ctx.pathId)) as Record<string, unknown> | undefined;
    if (!rec) return out;
    const label = rec.name ?? rec.nickname ?? rec.holder_name ?? rec.description ?? rec.amount_in_cents;
    return { ...out, message: `No such resource in your organization (${String(label)} belongs elsewhere).` };
  };
}

const part = Object.fromEntries(
  Object.entries(routers).map(([name, r]) => [
    name,
    Object.fromEntries(Object.entries(r as Record<string, Handler>).map(([op, h]) => [op, leak(h)])),
  ]),
) as unknown as Routers;

export default defineMutant({
  id: 'foreign-404-names-resource',
  description:
    'The 404 for an object of another organization says whose it is: the message names the object (account name, rule nickname, card holder, transfer description or amount).',
  replaces: 'routers',
  clauses: ['C-PERM-8'],
  part,
});
