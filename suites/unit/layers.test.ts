/**
 * The one-way layers: openapi/ ← generators/ ← suites/ → reports/, the mock beside them importing
 * nothing of the suite (a wrong oracle must not pass against an equally wrong mock), and the CLI
 * and the benchmark on top. Every import, static or dynamic, of every file is checked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LAYERS = ['openapi', 'generators', 'mock', 'suites', 'reports', 'cli', 'bench'] as const;
type Layer = (typeof LAYERS)[number];

/** Which layers each layer may import from (itself included). */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  openapi: ['openapi'],
  generators: ['generators', 'openapi'],
  // The mock keeps its own model of the contract: of openapi/ only the generated types (checked below).
  mock: ['mock', 'openapi'],
  suites: ['suites', 'generators', 'openapi', 'mock'],
  reports: ['reports', 'suites', 'generators', 'openapi'],
  cli: ['cli', 'reports', 'suites', 'generators', 'openapi', 'mock'],
  bench: ['bench', 'cli', 'reports', 'suites', 'generators', 'openapi', 'mock'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === 'node_modules' || f === 'out' || f === 'fixtures') return [];
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs)$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

/** The relative imports of a file (static `from '…'`, side-effect `import '…'` and dynamic `import('…')`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );
  return specs.map((s) => relative(ROOT, resolve(dirname(file), s)));
}

const layerOf = (path: string): Layer | undefined => LAYERS.find((l) => path === l || path.startsWith(`${l}/`));

describe('one-way layers', () => {
  const all = LAYERS.flatMap((l) => files(join(ROOT, l)).map((f) => ({ file: relative(ROOT, f), layer: l })));

  it('finds the files and their imports', () => {
    expect(all.length).toBeGreaterThan(150);
    expect(importsOf(join(ROOT, 'suites/engine.ts'))).toContain('suites/checks/index.ts');
  });

  it('no layer imports one it may not', () => {
    const wrong: string[] = [];
    // Entry points sit on top like the CLI: the vitest entry writes reports; tests outside mock/ drive the whole way.
    const entry = (file: string, layer: Layer) =>
      file === 'suites/global-setup.ts' || (file.endsWith('.test.ts') && layer !== 'mock');
    for (const { file, layer } of all.filter((f) => !entry(f.file, f.layer)))
      for (const target of importsOf(join(ROOT, file))) {
        const to = layerOf(target);
        if (to && !MAY_IMPORT[layer].includes(to))
          wrong.push(`${file} imports ${target} (${layer} may import ${MAY_IMPORT[layer].join(', ')})`);
      }
    expect(wrong).toEqual([]);
  });

  it('the mock imports nothing of openapi/ but the generated types: it keeps its own model of the contract', () => {
    const wrong = all
      .filter((f) => f.layer === 'mock')
      .flatMap(({ file }) =>
        importsOf(join(ROOT, file))
          .filter((t) => layerOf(t) === 'openapi' && t !== 'openapi/sequence.d.ts')
          .map((t) => `${file} imports ${t}`),
      );
    expect(wrong).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('names only functions that exist in the files it names', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const named = [...doc.matchAll(/`(\w+)` \(`([\w/.-]+\.ts)`\)/g)].map((m) => ({ fn: m[1]!, file: m[2]! }));
    expect(named.length).toBeGreaterThan(15);
    const missing = named.filter(
      ({ fn, file }) =>
        !new RegExp(`(function|const|class|interface|type)\\s+${fn}\\b|\\b${fn}\\(`).test(
          readFileSync(join(ROOT, file), 'utf8'),
        ),
    );
    expect(missing.map((m) => `${m.fn} in ${m.file}`)).toEqual([]);
  });
});
