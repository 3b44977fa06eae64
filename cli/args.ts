/** A small, strict flag parser: unknown flags and missing values are CLI_USAGE misuse errors. */
import { MisuseError } from '../openapi/errors.ts';

/** How a flag takes its value. */
export type FlagSpec = Record<string, 'string' | 'number' | 'boolean'>;

/** Parses `argv` against `spec`; positional arguments are returned apart. */
export function parseFlags(
  command: string,
  argv: string[],
  spec: FlagSpec,
): { flags: Record<string, string | number | boolean>; positional: string[] } {
  const flags: Record<string, string | number | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    const kind = spec[name];
    if (!kind)
      throw new MisuseError(
        'CLI_USAGE',
        `${command} --${name}`,
        'unknown flag',
        `valid: ${Object.keys(spec)
          .map((f) => `--${f}`)
          .join(' ')}`,
      );
    if (kind === 'boolean') {
      flags[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new MisuseError('CLI_USAGE', `${command} --${name}`, 'needs a value');
    if (kind === 'number') {
      // Plain decimal digits only: Number() would read '' as 0, '0x10' as 16 and '1e3' as 1000.
      const n = /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(n) || n < 0)
        throw new MisuseError('CLI_USAGE', `${command} --${name}`, `not a non-negative number: ${value}`);
      flags[name] = n;
    } else flags[name] = value;
  }
  return { flags, positional };
}

/** Parses `i/n` of --shard. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count)
    throw new MisuseError('CLI_USAGE', '--shard', `expected i/n with 1 <= i <= n, got ${value}`);
  return { index, count };
}
