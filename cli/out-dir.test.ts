import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMisuse } from '../openapi/errors.ts';
import { claimOutDir, LOCK_FILE } from './out-dir.ts';
import { ROOT } from './test-helpers.ts';

/** Runs `claimOutDir(dir)` in a new process at `at` (ms since epoch); resolves with whether it got the lock. */
function claimAt(dir: string, at: number): Promise<string> {
  const script = `const { claimOutDir } = await import(${JSON.stringify(join(ROOT, 'cli/out-dir.ts'))}); while (Date.now() < ${at}) {} try { claimOutDir(${JSON.stringify(dir)}); console.log('got'); setTimeout(() => {}, 1500); } catch (e) { console.log(e.code); }`;
  return new Promise((res) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) res(out.trim());
    });
    p.on('exit', () => res(out.trim()));
  });
}

describe('the --out lock', () => {
  it('of runs that start at the same moment, exactly one takes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-lock-'));
    const at = Date.now() + 2500;
    const got = await Promise.all(Array.from({ length: 8 }, () => claimAt(dir, at)));
    expect(got.filter((g) => g === 'got')).toHaveLength(1);
    expect(got.filter((g) => g === 'OUT_LOCKED')).toHaveLength(7);
  }, 30_000);

  it('a lock left by a run that died is taken over, and released', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-lock-'));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 4321, started_at: 'long ago' }));
    const release = claimOutDir(dir);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('an --out that is a file is misuse', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seqconform-lock-')), 'f');
    writeFileSync(file, 'x');
    let e: unknown;
    try {
      claimOutDir(file);
    } catch (x) {
      e = x;
    }
    expect(isMisuse(e, 'OUT_NOT_WRITABLE')).toBe(true);
  });
});
