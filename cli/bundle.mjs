// How cli/bin.mjs loads the CLI: a single-file bundle of the TypeScript sources, built by esbuild
// (which tsx brings) into node_modules/.cache/seqconform and rebuilt whenever a source it was built
// from changes, so a run does not pay for transpiling some hundred modules at every start. A second
// bundle, of mock/worker-entry.ts, lets `run` serve the embedded mock from a worker thread. Where
// they cannot be built or loaded, tsx runs the sources as they are, with the mock in the CLI's thread.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const hashOf = (text) => createHash('sha1').update(text).digest('hex');

/** The cached bundle of `entry` (a path relative to `root`), if every source it was built from is unchanged. */
export function cachedBundle(root, entry, cacheDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(cacheDir, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest.entry !== entry || !existsSync(join(cacheDir, manifest.out))) return undefined;
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    let text;
    try {
      text = readFileSync(join(root, file));
    } catch {
      return undefined;
    }
    if (hashOf(text) !== hash) return undefined;
  }
  return join(cacheDir, manifest.out);
}

/**
 * Bundles `entry` with esbuild: packages stay external (loaded from node_modules as usual), and
 * each source's `import.meta.url` and `import.meta.dirname` become its own, so paths relative to a
 * source (the contract document, package.json) resolve as they do unbundled.
 */
export async function buildBundle(root, entry, cacheDir) {
  const { build } = await import('esbuild');
  // The hash of each source as esbuild compiled it: a source edited during the build then fails the next check.
  const compiled = {};
  const ownMeta = {
    name: 'own-import-meta',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes('node_modules')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        compiled[relative(root, args.path)] = hashOf(text);
        const contents = text
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
        return { contents, loader: 'ts' };
      });
    },
  };
  const name = basename(entry).replace(/\.[^.]*$/, '');
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [ownMeta],
    outfile: join(cacheDir, `${name}.mjs`),
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const rel = relative(root, join(process.cwd(), file));
    inputs[rel] = compiled[rel] ?? hashOf(readFileSync(join(root, rel)));
  }
  const code = result.outputFiles[0].contents;
  const out = `${name}-${hashOf(code).slice(0, 12)}.mjs`;
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so a run started meanwhile never loads half a file.
  const tmp = join(cacheDir, `.${process.pid}.tmp`);
  writeFileSync(tmp, code);
  renameSync(tmp, join(cacheDir, out));
  writeFileSync(tmp, JSON.stringify({ entry, out, inputs }));
  renameSync(tmp, join(cacheDir, 'manifest.json'));
  // Older bundles go once no run can still be about to load them.
  const stale = Date.now() - 10 * 60_000;
  for (const old of readdirSync(cacheDir))
    if (old.endsWith('.mjs') && old !== out && statSync(join(cacheDir, old)).mtimeMs < stale)
      rmSync(join(cacheDir, old), { force: true });
  return join(cacheDir, out);
}

const bundled = async (entry, cacheDir) => {
  try {
    return cachedBundle(ROOT, entry, cacheDir) ?? (await buildBundle(ROOT, entry, cacheDir));
  } catch {
    return undefined;
  }
};

/** Whether `argv` asks for a run against the embedded mock, so its thread is worth starting before the CLI has loaded. */
const runsEmbeddedMock = (argv) =>
  argv[0] === 'run' &&
  !argv.some((a) => a === '--profile' || a.startsWith('--profile=') || a === '--help' || a === '-h');

/**
 * The CLI's `main(argv)`: from the bundle (built if it is missing or stale), with the embedded
 * mock's worker bundle when that builds too, its thread already started when `argv` will need it;
 * else through tsx, with the mock in the CLI's thread.
 */
export async function loadMain(argv = []) {
  // One cache per checkout: checkouts sharing node_modules (worktrees) would otherwise rebuild each other's.
  const cache = join(ROOT, 'node_modules', '.cache', 'seqconform', 'bundles', hashOf(ROOT).slice(0, 12));
  const worker = await bundled('mock/worker-entry.ts', join(cache, 'mock-worker'));
  let early;
  if (worker && runsEmbeddedMock(argv)) {
    // Loading the mock takes its thread a few hundred ms, spent while this one loads the CLI. A thread
    // that fails before it is handed over is dropped, and the hand-over starts another.
    const w = new Worker(pathToFileURL(worker));
    w.unref();
    w.on('error', () => {});
    w.once('exit', () => {
      if (early === w) early = undefined;
    });
    early = w;
  }
  const file = await bundled('cli/main.ts', join(cache, 'cli'));
  if (file) {
    const { main } = await import(pathToFileURL(file).href);
    const thread = () => {
      const w = early ?? new Worker(pathToFileURL(worker));
      early = undefined;
      w.ref();
      return w;
    };
    return (args) => main(args, worker ? { mockWorker: thread } : {});
  }
  // Without the CLI's bundle the mock runs in this thread: an early thread would only idle.
  await early?.terminate();
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  return (args) => main(args);
}
