/**
 * Parsing a YAML document the suite ships (openapi/requirements.yaml) costs a start-up a tenth
 * of a second or more; its parse is kept as JSON in node_modules/.cache, keyed by the text, so
 * an unchanged document is read back instead. Whatever checks the parsed value still runs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The suite's own cache directory (also holds the checked contract and the CLI bundle). */
export const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/seqconform/', import.meta.url));

/** `parseYaml(text)`, from the cached parse of the same text when there is one. */
export function parseYamlCached(text: string, cacheDir: string = CACHE_DIR): unknown {
  const file = join(cacheDir, `yaml-${createHash('sha1').update(text).digest('hex').slice(0, 16)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // Not cached yet (or damaged): parsed below.
  }
  const value: unknown = parseYaml(text);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs the next start the parse again.
  }
  return value;
}
