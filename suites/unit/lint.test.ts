import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const bin = (pkg: string) => resolve(ROOT, 'node_modules', pkg);

describe('the whole tree', () => {
  it('is formatted (Prettier, line width 120: npm run format fixes it)', () => {
    const r = spawnSync(process.execPath, [bin('prettier/bin/prettier.cjs'), '--check', '.'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it('passes ESLint with typescript-eslint recommended rules', () => {
    const r = spawnSync(process.execPath, [bin('eslint/bin/eslint.js'), '.'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
