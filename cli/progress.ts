/**
 * The terminal's progress during a run: the phase (discovery, matrix, run, robustness, reports),
 * units done of the total, percent, failures so far and time left. On a terminal it rewrites one
 * line (at most five times a second); elsewhere (CI logs) it prints a plain line when a phase
 * starts and when it passes 25 %, 50 %, 75 % and 100 %, never a spinner. It prints counts and
 * phase names only, so it cannot carry a secret.
 */
import type { CaseResult, ProgressSink, RunPhase } from '../suites/results.ts';

/** Where progress goes: stderr, or a test's stand-in. */
export interface ProgressOut {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A progress display: a {@link ProgressSink} the run reports to, and its end. */
export interface Progress extends ProgressSink {
  /** Writes the last state and ends the line. */
  end(): void;
  /** Writes a line of its own (the line under way is redrawn after it on a terminal). */
  print(text: string): void;
}

/** What a phase without a count is doing. */
const DOING: Record<RunPhase, string> = {
  discovery: 'probing the target',
  matrix: 'building the cells',
  run: 'sending',
  robustness: 'sending generated requests',
  reports: 'writing the reports',
};

const UNIT: Record<RunPhase, string> = {
  discovery: 'requests',
  matrix: 'cells',
  run: 'cells',
  robustness: 'cells',
  reports: 'files',
};

/** A progress display on `out`; `now` in ms (a test's clock). */
export function createProgress(out: ProgressOut, now: () => number = () => performance.now()): Progress {
  const tty = out.isTTY === true;
  let phase: RunPhase | undefined;
  let total: number | null = null;
  let done = 0;
  let failing = 0;
  let unjudged = 0;
  let t0 = now();
  let lastDraw = -Infinity;
  let quarter = 0;
  let open = false;
  const line = (): string => {
    if (!phase) return '';
    if (total === null && done === 0) return `[${phase}] ${DOING[phase]}`;
    const count = total === null ? `${done} ${UNIT[phase]}` : `${done}/${total} ${UNIT[phase]}`;
    const pct = total ? ` (${Math.floor((100 * done) / total)}%)` : '';
    const judged = phase === 'run' || phase === 'robustness' ? `, ${failing} failing, ${unjudged} not judged` : '';
    const s = (now() - t0) / 1000;
    const rate = done / Math.max(s, 0.001);
    const eta = total && done > 0 && done < total ? `, ~${Math.ceil((total - done) / rate)} s left` : '';
    return `[${phase}] ${count}${pct}${judged}${eta}`;
  };
  const draw = (force = false) => {
    const t = now();
    if (!force && t - lastDraw < 200) return;
    lastDraw = t;
    out.write(`\r\x1b[K${line()}`);
    open = true;
  };
  return {
    phase(name, n) {
      if (!tty && phase && done > 0 && (total === null || quarter < 4)) out.write(`${line()}\n`);
      phase = name;
      total = n;
      done = 0;
      quarter = 0;
      t0 = now();
      if (tty) draw(true);
      else out.write(`seqconform: ${name}${n === null ? '' : ` (${n} ${UNIT[name]})`}\n`);
    },
    step(r?: CaseResult) {
      done++;
      if (r?.verdict === 'fail') failing++;
      if (r?.verdict === 'error' || r?.verdict === 'not_sent') unjudged++;
      if (tty) return draw();
      if (total) {
        const q = Math.floor((4 * done) / total);
        if (q > quarter) {
          quarter = q;
          out.write(`${line()}\n`);
        }
      }
    },
    print(text) {
      if (!tty) return void out.write(`${text}\n`);
      out.write(`\r\x1b[K${text}\n`);
      open = false;
      draw(true);
    },
    end() {
      if (tty) {
        if (open) out.write(`\r\x1b[K${line()}\n`);
      } else if (phase && done > 0 && (total === null || quarter < 4)) out.write(`${line()}\n`);
    },
  };
}
