/**
 * The terminal's progress line during a run: cells done of the total, percent, failures so far,
 * rate and time left. On a terminal it rewrites one line; elsewhere (CI logs) it prints a plain
 * line at most every 10 s, and always the last one.
 */
import type { CaseResult } from '../suites/results.ts';

/** A progress line over `total` cells, written to `out`. */
export function progressLine(
  total: number,
  out: NodeJS.WriteStream,
): { add: (r: CaseResult) => void; end: () => void } {
  const t0 = performance.now();
  let done = 0;
  let failing = 0;
  let unjudged = 0;
  let last = 0;
  const tty = out.isTTY === true;
  const line = (): string => {
    const s = (performance.now() - t0) / 1000;
    const rate = done / Math.max(s, 0.001);
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    return `  ${done}/${total} cells (${Math.floor((100 * done) / Math.max(total, 1))}%), ${failing} failing, ${unjudged} not judged, ${Math.round(rate)} cells/s${done < total ? `, ~${left} s left` : ''}`;
  };
  return {
    add(r) {
      done++;
      if (r.verdict === 'fail') failing++;
      if (r.verdict === 'error' || r.verdict === 'not_sent') unjudged++;
      const now = performance.now();
      if (now - last < (tty ? 200 : 10_000)) return;
      last = now;
      out.write(tty ? `\r${line()}` : `${line()}\n`);
    },
    end() {
      out.write(tty ? `\r${line()}\n` : `${line()}\n`);
    },
  };
}
