import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { GENERATED_HEADER, renderTypes, TYPES_PATH } from './generate-types.ts';

describe('openapi/sequence.d.ts', () => {
  it('is not stale (run npm run generate after editing sequence.yaml)', async () => {
    const rendered = await renderTypes();
    expect(rendered.startsWith(`${GENERATED_HEADER}\n`)).toBe(true);
    expect(readFileSync(TYPES_PATH, 'utf8')).toBe(rendered);
  });
});
