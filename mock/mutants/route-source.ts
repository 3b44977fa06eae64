/**
 * The source of a route handler, and its hash: a mutant that copies a handler to put one fault in
 * it records the hash of the handler it copied, and a test fails when the original changes, so a
 * copy cannot go stale silently (the mutant would then test yesterday's mock).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const MOCK = resolve(import.meta.dirname, '..');

/** The text of method `handler` of the router in `file` (relative to mock/), from its first line to its closing brace. */
export function handlerSource(file: string, handler: string): string {
  const lines = readFileSync(resolve(MOCK, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l === `  ${handler}(ctx) {`);
  if (start < 0) throw new Error(`mock/${file} has no handler ${handler}(ctx) { … }`);
  const end = lines.findIndex((l, i) => i > start && l === '  },');
  if (end < 0) throw new Error(`mock/${file}: handler ${handler} has no closing "  },"`);
  return lines.slice(start, end + 1).join('\n');
}

/** The hash a copying mutant records: sha256 of the handler's text with white space collapsed, 12 hex digits. */
export function handlerHash(file: string, handler: string): string {
  return createHash('sha256')
    .update(handlerSource(file, handler).replace(/\s+/g, ' ').trim())
    .digest('hex')
    .slice(0, 12);
}
