import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBundle, cachedBundle } from './bundle.mjs';
import { ROOT } from './test-helpers.ts';

/** A small project: an entry that reads a file next to another module through that module's import.meta. */
function project(): { root: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'seqconform-bundle-'));
  mkdirSync(join(root, 'lib'));
  writeFileSync(join(root, 'main.ts'), `export { read, where } from './lib/read.ts';\n`);
  writeFileSync(
    join(root, 'lib/read.ts'),
    `import { readFileSync } from 'node:fs';\nexport const read = (): string => readFileSync(new URL('./data.txt', import.meta.url), 'utf8');\nexport const where = (): string => import.meta.dirname;\n`,
  );
  writeFileSync(join(root, 'lib/data.txt'), 'beside read.ts');
  return { root, cache: join(root, 'cache') };
}

describe('the CLI bundle', () => {
  it("keeps each source's own import.meta, so paths relative to a source still resolve", async () => {
    const { root, cache } = project();
    const file = await buildBundle(root, 'main.ts', cache);
    const mod = (await import(pathToFileURL(file).href)) as { read(): string; where(): string };
    expect(mod.read()).toBe('beside read.ts');
    expect(mod.where()).toBe(join(root, 'lib'));
  });

  it('is reused while its sources are unchanged, and not once one changes or goes', async () => {
    const { root, cache } = project();
    expect(cachedBundle(root, 'main.ts', cache)).toBeUndefined();
    const file = await buildBundle(root, 'main.ts', cache);
    expect(cachedBundle(root, 'main.ts', cache)).toBe(file);
    expect(cachedBundle(root, 'other.ts', cache)).toBeUndefined();
    const source = join(root, 'lib/read.ts');
    const text = readFileSync(source, 'utf8');
    writeFileSync(source, `${text}export const more = 1;\n`);
    expect(cachedBundle(root, 'main.ts', cache)).toBeUndefined();
    writeFileSync(source, text);
    expect(cachedBundle(root, 'main.ts', cache)).toBe(file);
    rmSync(source);
    expect(cachedBundle(root, 'main.ts', cache)).toBeUndefined();
    writeFileSync(source, text);
    expect(cachedBundle(root, 'main.ts', cache)).toBe(file);
    // A manifest whose bundle is gone (another run's clean-up) is no cache.
    rmSync(file);
    expect(cachedBundle(root, 'main.ts', cache)).toBeUndefined();
  });

  it('runs the CLI as tsx does: same help, same cells and verdicts', () => {
    const out = mkdtempSync(join(tmpdir(), 'seqconform-bundle-run-'));
    const viaBin = (args: string[]) =>
      spawnSync(process.execPath, ['cli/bin.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
    const viaTsx = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(viaBin(['run', '--help']).stdout).toBe(viaTsx(['run', '--help']).stdout);
    const cells = (dir: string) =>
      (
        JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
          cases: Array<{ case_id: string; verdict: string }>;
        }
      ).cases
        .map((c) => `${c.case_id} ${c.verdict}`)
        .sort();
    const args = ['run', '--only', 'getCard', '--fuzz', '0'];
    const a = viaBin([...args, '--out', join(out, 'bin')]);
    const b = viaTsx([...args, '--out', join(out, 'tsx')]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(cells(join(out, 'bin')).length).toBeGreaterThan(10);
    expect(cells(join(out, 'bin'))).toEqual(cells(join(out, 'tsx')));
  });

  it('serves the embedded mock from a thread of its own, and only to a run that uses it', () => {
    // --cpu-prof writes one profile per thread (CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile; the
    // main thread is 0), and a thread that served the mock has run startMock.
    const threads = (args: string[]) => {
      const dir = mkdtempSync(join(tmpdir(), 'seqconform-bundle-threads-'));
      const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, 'cli/bin.mjs', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => {
          const profile = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
            nodes: Array<{ callFrame: { functionName: string } }>;
          };
          const thread = f.split('.')[4] === '0' ? 'main' : 'worker';
          return `${thread}: ${profile.nodes.some((n) => n.callFrame.functionName === 'startMock') ? 'mock' : 'no mock'}`;
        })
        .sort();
    };
    const out = mkdtempSync(join(tmpdir(), 'seqconform-bundle-thread-run-'));
    expect(threads(['run', '--only', 'getCard', '--fuzz', '0', '--out', out])).toEqual([
      'main: no mock',
      'worker: mock',
    ]);
    expect(threads(['run', '--help'])).toEqual(['main: no mock']);
    expect(threads(['--version'])).toEqual(['main: no mock']);
  });
});
