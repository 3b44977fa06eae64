/** The write validators walk the body recursively with a fixed-size stack: a deeply nested body throws, and the request gets 500 (C-BODY-3). */
import { validators } from '../parts/validators.ts';
import type { Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const MAX_DEPTH = 64;

function depthOf(raw: string | undefined): number {
  let depth = 0;
  let max = 0;
  for (const c of raw ?? '') {
    if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

function walked(ctx: Ctx): void {
  if (depthOf(ctx.body) > MAX_DEPTH) throw new RangeError('Maximum call stack size exceeded');
}

export default defineMutant({
  id: 'deep-body-crashes',
  description:
    'The write validators normalise the body with a recursive walk that overflows past 64 levels of nesting: a deeply nested body gets 500 where the contract asks for 400 (or for the extra field to be ignored).',
  replaces: 'validators',
  clauses: ['C-BODY-3'],
  part: {
    ...validators,
    createTransfer(ctx) {
      walked(ctx);
      return validators.createTransfer(ctx);
    },
    triggerRule(ctx) {
      walked(ctx);
      return validators.triggerRule(ctx);
    },
  },
});
