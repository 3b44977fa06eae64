import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseYamlCached } from './yaml-cache.ts';

describe('parseYamlCached', () => {
  const text = readFileSync(new URL('./requirements.yaml', import.meta.url), 'utf8');

  it('parses as yaml does, and reads the same value back from its cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-cache-'));
    expect(parseYamlCached(text, dir)).toEqual(parse(text));
    expect(readdirSync(dir)).toHaveLength(1);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), JSON.stringify({ from: 'cache' }));
    expect(parseYamlCached(text, dir)).toEqual({ from: 'cache' });
  });

  it('keys by the text: another text is parsed, a damaged entry is parsed again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-cache-'));
    parseYamlCached(text, dir);
    expect(parseYamlCached('a: 1\n', dir)).toEqual({ a: 1 });
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), '{"trunc');
    expect(parseYamlCached('a: 1\n', dir)).toEqual({ a: 1 });
  });
});
