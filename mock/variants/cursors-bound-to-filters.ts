/**
 * A cursor is accepted only with the filters it was issued under: a listTransfers cursor of one
 * account sent for another account is 400. C-VAL-2 requires refusing cursors not issued for the
 * same operation; it does not require accepting a cursor across filters.
 */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineVariant } from './define.ts';

function cursorItemId(cursor: string): string | undefined {
  const dot = cursor.indexOf('.');
  return dot <= 0 ? undefined : Buffer.from(cursor.slice(0, dot), 'base64url').toString().split('|')[2];
}

function belongs(ctx: Ctx): boolean {
  const after = ctx.query.values.get('after');
  if (after === undefined) return true;
  const id = cursorItemId(after);
  if (id === undefined) return true;
  const s = ctx.store;
  if (ctx.op === 'listTransfers') {
    const t = s.transfers.get(id);
    const acc = ctx.query.values.get('account_id');
    return !t || t.source_id === acc || t.destination_id === acc;
  }
  if (ctx.op === 'listRuleExecutions') {
    const e = s.executions.get(id);
    return !e || e.rule_id === ctx.query.values.get('rule_id');
  }
  if (ctx.op === 'listCardTransactions') {
    const x = s.cardTransactions.get(id);
    return !x || x.card_id === ctx.pathId;
  }
  return true;
}

const bad = {
  ok: false as const,
  kind: 'invalid_request' as const,
  message: "Query parameter 'after' belongs to another list.",
};

const part: Validators = {
  ...validators,
  listTransfers: (ctx) => {
    const v = validators.listTransfers(ctx);
    return v.ok && !belongs(ctx) ? bad : v;
  },
  listRuleExecutions: (ctx) => {
    const v = validators.listRuleExecutions(ctx);
    return v.ok && !belongs(ctx) ? bad : v;
  },
  listCardTransactions: (ctx) => {
    const v = validators.listCardTransactions(ctx);
    return v.ok && !belongs(ctx) ? bad : v;
  },
};

export default defineVariant({
  id: 'cursors-bound-to-filters',
  description:
    'A cursor continues only the list it came from: an `after` issued for another account_id, rule_id or card is 400 invalid_request (the reference mock accepts it and continues from the position).',
  replaces: 'validators',
  clauses: ['C-VAL-2'],
  part,
});
