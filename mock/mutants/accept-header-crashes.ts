/** Content negotiation throws on an Accept header it does not know: such a request gets 500 (C-BODY-3). */
import { validators, type Validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const KNOWN = /^(\*\/\*|application\/\*|application\/json)(\s*;.*)?$/i;

function negotiate(ctx: Ctx): void {
  const accept = ctx.headers.accept;
  if (accept === undefined) return;
  const ranges = (Array.isArray(accept) ? accept.join(',') : accept).split(',').map((r) => r.trim());
  if (!ranges.some((r) => KNOWN.test(r))) throw new Error('no representation for the Accept header');
}

const part = { ...validators } as Record<string, unknown>;
for (const [name, fn] of Object.entries(validators)) {
  if (name === 'triggerAmountForRule') continue;
  part[name] = (ctx: Ctx) => {
    negotiate(ctx);
    return (fn as (ctx: Ctx) => unknown)(ctx);
  };
}

export default defineMutant({
  id: 'accept-header-crashes',
  description:
    'Content negotiation throws when no range of the Accept header names JSON: `Accept: text/html` gets 500 where the contract answers JSON whatever the client accepts.',
  replaces: 'validators',
  clauses: ['C-BODY-3'],
  part: part as unknown as Validators,
});
