/** Runs the CLI as a child process, for the CLI's own tests. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The project root. */
export const ROOT = resolve(import.meta.dirname, '..');

/** `seqconform ARGS` in a child process, through the bin users run (cli/bin.mjs: the cached bundle, or tsx): exit code and output. */
export function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [join(ROOT, 'cli/bin.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}
