import { describe, expect, it } from 'vitest';
import { isMisuse } from '../openapi/errors.ts';
import { parseFlags } from './args.ts';

const spec = { fuzz: 'number', out: 'string', strict: 'boolean' } as const;

describe('parseFlags', () => {
  it('reads plain decimal numbers, strings and booleans', () => {
    expect(parseFlags('run', ['--fuzz', '12', '--out=x', '--strict', 'pos'], spec)).toEqual({
      flags: { fuzz: 12, out: 'x', strict: true },
      positional: ['pos'],
    });
    expect(parseFlags('run', ['--fuzz=0.5'], spec).flags.fuzz).toBe(0.5);
  });

  it.each(['', '0x10', '1e3', '-1', 'abc', ' 5', 'Infinity'])('refuses %j as a number, as misuse', (v) => {
    let caught: unknown;
    try {
      parseFlags('run', [`--fuzz=${v}`], spec);
    } catch (e) {
      caught = e;
    }
    expect(isMisuse(caught)).toBe(true);
    expect(String((caught as Error).message)).toContain('--fuzz');
  });
});
