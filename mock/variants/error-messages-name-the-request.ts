/** Error messages are worded differently and name the operation and the IDs the client sent. */
import { routers, type Routers } from '../routes/index.ts';
import type { Handler } from '../routes/types.ts';
import { defineVariant } from './define.ts';

const WORDS: Record<string, string> = {
  forbidden: 'Permission denied',
  invalid_request: 'Bad request',
  resource_not_found: 'Not found',
  rule_disabled: 'Rule is disabled',
  idempotency_conflict: 'Idempotency-Key reused',
};

function reword(h: Handler): Handler {
  return (ctx) => {
    const out = h(ctx);
    if (out.ok) return out;
    const sent = [ctx.pathId, ctx.query.values.get('account_id'), ctx.query.values.get('rule_id')]
      .filter((x) => x !== undefined)
      .join(', ');
    return {
      ...out,
      message: `${WORDS[out.kind] ?? out.kind} (${ctx.op} ${ctx.path}${sent ? `; ids: ${sent}` : ''}): ${out.message}`,
    };
  };
}

const part = Object.fromEntries(
  Object.entries(routers).map(([name, r]) => [
    name,
    Object.fromEntries(Object.entries(r as Record<string, Handler>).map(([op, h]) => [op, reword(h)])),
  ]),
) as unknown as Routers;

export default defineVariant({
  id: 'error-messages-name-the-request',
  description:
    'Every router error message is reworded and names the operation, the path and the IDs the request sent (never a field of the stored resource).',
  replaces: 'routers',
  clauses: ['C-BODY-2', 'C-PERM-8'],
  part,
});
