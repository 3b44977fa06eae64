/** Types of cli/bundle.mjs (plain JavaScript: it runs before anything can load TypeScript). */

/** The cached bundle of `entry` (relative to `root`) if every source it was built from is unchanged, else undefined. */
export function cachedBundle(root: string, entry: string, cacheDir: string): string | undefined;
/** Builds the bundle of `entry` into `cacheDir` and returns its path. */
export function buildBundle(root: string, entry: string, cacheDir: string): Promise<string>;
/** The CLI's `main`, from the bundle or through tsx; `argv` tells whether to start the embedded mock's thread early. */
export function loadMain(argv?: string[]): Promise<(argv: string[]) => Promise<number>>;
