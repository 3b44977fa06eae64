import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './test-helpers.ts';
import { USAGE } from '../mock/serve.ts';

const COMMANDS = ['run', 'replay', 'plan-keys', 'mock', 'diff', 'merge'];

describe('command-line conventions', () => {
  it('--version and -V print the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(`seqconform ${version}`);
    }
  }, 30_000);

  it('-h is --help, at the top and on every command, and every help has examples', async () => {
    const top = await cli(['-h']);
    expect(top.code).toBe(0);
    expect(top.stdout).toBe((await cli(['--help'])).stdout);
    for (const c of COMMANDS) expect(top.stdout).toMatch(new RegExp(`\\n  ${c} `));
    for (const c of COMMANDS) {
      const [short, long] = await Promise.all([cli([c, '-h']), cli([c, '--help'])]);
      expect(short.code, c).toBe(0);
      expect(short.stdout, c).toBe(long.stdout);
      expect(short.stdout, c).toMatch(/Examples:/);
    }
  }, 60_000);

  it('mock --help explains every flag the mock parses; a bad mock flag is CLI_USAGE', async () => {
    const r = await cli(['mock', '--help']);
    const flags = [...USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(9);
    for (const f of flags) expect(r.stdout).toMatch(new RegExp(`${f} .*\\w`));
    // Every flag serve.ts parses is in its usage text.
    const serve = readFileSync(join(ROOT, 'mock/serve.ts'), 'utf8');
    for (const m of serve.matchAll(/'(--[a-z-]+)'/g)) expect(flags, m[1]).toContain(m[1]);
    const bad = await cli(['mock', '--port', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^seqconform: CLI_USAGE at mock: --port takes a non-negative integer/);
  }, 30_000);

  it('no command, an unknown command or flag: a coded misuse, exit 2', async () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['replay'],
      ['run', '--max-failures'],
      ['diff', 'a.json'],
      // A cap of 0 would switch off the protection of shared staging, not set it.
      ['run', '--max-rps', '0'],
      ['run', '--fuzz', '0x10'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/seqconform: CLI_USAGE at /);
    }
  }, 30_000);
});
