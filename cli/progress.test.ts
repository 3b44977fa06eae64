import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';
import type { CaseResult } from '../suites/results.ts';

const cell = (verdict: CaseResult['verdict']) => ({ verdict }) as CaseResult;

function sink(isTTY: boolean) {
  const writes: string[] = [];
  let t = 0;
  const clock = { tick: (ms: number) => (t += ms) };
  const p = createProgress({ write: (s: string) => writes.push(s), isTTY }, () => t);
  return { p, writes, clock };
}

describe('progress', () => {
  it('without a terminal: a plain line per phase start and per quarter, no carriage return, nothing else', () => {
    const { p, writes, clock } = sink(false);
    p.phase('discovery', null);
    for (let i = 0; i < 30; i++) p.step();
    p.phase('matrix', null);
    p.phase('run', 100);
    for (let i = 0; i < 100; i++) {
      clock.tick(i < 50 ? 30 : 10);
      p.step(cell(i % 10 === 0 ? 'fail' : 'pass'));
    }
    p.phase('robustness', 8);
    for (let i = 0; i < 3; i++) p.step(cell('pass'));
    p.phase('reports', null);
    p.end();
    const text = writes.join('');
    expect(text.includes('\r') || text.includes('\x1b')).toBe(false);
    expect(writes.every((w) => w.endsWith('\n'))).toBe(true);
    expect(text.split('\n').filter(Boolean)).toEqual([
      'seqconform: discovery',
      '[discovery] 30 requests',
      'seqconform: matrix',
      'seqconform: run (100 cells)',
      '[run] 25/100 cells (25%), 3 failing, 0 not judged, ~3 s left',
      '[run] 50/100 cells (50%), 5 failing, 0 not judged, ~2 s left',
      '[run] 75/100 cells (75%), 8 failing, 0 not judged, ~1 s left',
      '[run] 100/100 cells (100%), 10 failing, 0 not judged',
      'seqconform: robustness (8 cells)',
      '[robustness] 2/8 cells (25%), 10 failing, 0 not judged, ~1 s left',
      '[robustness] 3/8 cells (37%), 10 failing, 0 not judged, ~1 s left',
      'seqconform: reports',
    ]);
  });

  it('on a terminal: one line rewritten, with phase, done/total, percent and time left, ended once', () => {
    const { p, writes, clock } = sink(true);
    p.phase('matrix', null);
    p.phase('run', 10);
    for (let i = 0; i < 10; i++) {
      clock.tick(250);
      p.step(cell(i === 3 ? 'not_sent' : 'pass'));
    }
    p.print('a line of its own');
    p.end();
    const text = writes.join('');
    expect(text.split('\n').length).toBe(3);
    expect(writes.filter((w) => w.startsWith('\r\x1b[K')).length).toBe(writes.length);
    expect(text).toContain('[run] 4/10 cells (40%), 0 failing, 1 not judged, ~2 s left');
    expect(text).toMatch(/a line of its own\n/);
    expect(text).toContain('\r\x1b[K[matrix] building the cells\r\x1b[K[run] 0/10 cells (0%)');
    expect(text.endsWith('[run] 10/10 cells (100%), 0 failing, 1 not judged\n')).toBe(true);
  });
});
