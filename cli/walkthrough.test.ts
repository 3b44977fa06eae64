/**
 * docs/staging.md runs as written: its fenced `sh` commands, in order, in one shell in a temporary
 * directory, with the embedded mock playing staging (on a free port instead of 4010, and `npx
 * seqconform` being this checkout's bin). Each command must exit as the page says: 0, or the code
 * of a trailing `# exit N` comment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './test-helpers.ts';

/** One command of the page: its text (continuations and here-documents joined) and the exit code it must give. */
interface Step {
  text: string;
  exit: number;
}

/** The commands of the page's `sh` blocks, in order. */
export function shellSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const lines = block[1]!.split('\n');
    for (let i = 0; i < lines.length; i++) {
      let text = lines[i]!;
      if (text.trim() === '' || text.trim().startsWith('#')) continue;
      while (text.endsWith('\\') && i + 1 < lines.length) text = `${text}\n${lines[++i]}`;
      const heredoc = /<<'?(\w+)'?/.exec(text);
      if (heredoc) {
        while (i + 1 < lines.length) {
          text = `${text}\n${lines[++i]}`;
          if (lines[i] === heredoc[1]) break;
        }
      }
      const exit = /#\s*exit (\d+)\s*$/.exec(text.split('\n')[0]!);
      steps.push({ text, exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return steps;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

const PAGE = readFileSync(join(ROOT, 'docs/staging.md'), 'utf8');

describe('shellSteps', () => {
  it('reads commands, here-documents and continuations whole, and the exit code a comment claims', () => {
    const md = [
      '```sh',
      '# a comment',
      "cat > a.yaml <<'EOF'",
      'x: 1',
      'EOF',
      'echo one \\',
      '  two',
      'false # exit 1',
      '```',
      '```yaml',
      'not: run',
      '```',
    ].join('\n');
    expect(shellSteps(md)).toEqual([
      { text: "cat > a.yaml <<'EOF'\nx: 1\nEOF", exit: 0 },
      { text: 'echo one \\\n  two', exit: 0 },
      { text: 'false # exit 1', exit: 1 },
    ]);
  });
});

describe('docs/staging.md', () => {
  it('holds the walk-through from plan-keys to the CI gate, with only flags that exist', () => {
    const steps = shellSteps(PAGE);
    const commands = steps.map((s) => s.text).join('\n');
    for (const part of [
      'seqconform mock --port 4010',
      'seqconform plan-keys --profile staging.yaml',
      'export KEY_',
      'seqconform run --profile staging-planned.yaml --out out/staging --max-rps',
      '--baseline baseline.json',
      'seqconform diff out/staging/report.json out/staging-2/report.json --fail-on-new',
    ])
      expect(commands).toContain(part);
    // The screenshots the HTML report's browser test writes.
    for (const img of ['img/report-overview.png', 'img/report-findings.png']) {
      expect(PAGE).toContain(`](${img})`);
      expect(existsSync(join(ROOT, 'docs', img)), img).toBe(true);
    }
    // Every step exits as the page says; the page claims which.
    expect(steps.length).toBeGreaterThan(10);
  });

  it('runs as written against the embedded mock, each command exiting as the page says', async () => {
    expect(spawnSync('jq', ['--version']).status, 'the walk-through needs jq').toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-walkthrough-'));
    const port = await freePort();
    const steps = shellSteps(PAGE);
    const log = join(dir, 'steps.log');
    // `seqconform` on the PATH is this checkout's bin, under that name, as npx runs it.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(join(ROOT, 'cli/bin.mjs'), join(bin, 'seqconform'));
    const script = [
      `export PATH=${JSON.stringify(bin)}:"$PATH"`,
      `cd ${JSON.stringify(dir)}`,
      ...steps.map(
        (s, i) =>
          `${s.text.replaceAll('npx seqconform', 'seqconform').replaceAll('4010', String(port))}\necho "${i} $?" >> ${JSON.stringify(log)}`,
      ),
    ].join('\n');
    writeFileSync(join(dir, 'walkthrough.sh'), script);
    let group = 0;
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((res) => {
      // Its own process group, so that whatever the page leaves running is stopped below.
      const p = spawn('bash', [join(dir, 'walkthrough.sh')], { cwd: dir, env: { ...process.env }, detached: true });
      group = p.pid!;
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => p.kill('SIGKILL'), 400_000);
      p.on('exit', (code) => {
        clearTimeout(timer);
        res({ code: code ?? -1, stdout, stderr });
      });
    });
    // The page's last step stopped the mock: within a few seconds nothing listens on its port.
    const listening = () =>
      new Promise<boolean>((res) => {
        const c = connect(port, '127.0.0.1');
        c.once('connect', () => (c.destroy(), res(true)));
        c.once('error', () => res(false));
      });
    let stillUp = await listening();
    for (let i = 0; stillUp && i < 50; i++) {
      await new Promise((res) => setTimeout(res, 100));
      stillUp = await listening();
    }
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // The group has already ended.
    }
    expect(stillUp, 'the mock still answers after the page says to stop it').toBe(false);
    const done = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ').map(Number) as [number, number]);
    const context = `${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`;
    expect(
      done.map(([i, code]) => [steps[i]!.text.split('\n')[0], code]),
      context,
    ).toEqual(steps.map((s) => [s.text.split('\n')[0], s.exit]));
    // What the page says happens, happened.
    expect(r.stdout).toMatch(/full-other +other +LIST_ACCOUNTS/);
    expect(r.stdout).toMatch(/Coverage of the profile's keys over main, other: (\d+)\/\1 classes reached/);
    expect(r.stdout).toMatch(/^seqconform PASS: /m);
    expect(r.stdout).toMatch(/New failures \(0\)/);
    expect(r.stderr).toMatch(/TARGET_KEY_PROBE_FAILED at key one-main: the target answered 401/);
    expect(steps.filter((s) => s.exit === 2)).toHaveLength(1);
    const planned = readFileSync(join(dir, 'staging-planned.yaml'), 'utf8');
    expect(planned).toContain(`base_url: http://127.0.0.1:${port}/api/v1`);
    expect(planned).not.toMatch(/secret:/);
    const report = JSON.parse(readFileSync(join(dir, 'out/staging/report.json'), 'utf8'));
    expect(report.mutations).toBe('denied-only');
    expect(report.keys.map((k: { org: string }) => k.org)).toContain('other');
    expect(JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'))).toEqual({ accepted: [] });
  }, 420_000);
});
