// Preloaded (`node --import ./bench/probe.mjs`) into a `seqconform run` the benchmark starts: it
// watches undici's diagnostics channels for the first request created and the last response
// finished, counts requests, notes the CPU time used at those points, and at exit writes those and the peak RSS as one JSON line to file
// descriptor 3, which the benchmark opened as a pipe. It changes nothing in the run.
import { subscribe } from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const now = () => performance.timeOrigin + performance.now();
let firstRequest = 0;
let lastResponse = 0;
let requests = 0;
// CPU seconds of the process (every thread) at those points: less noisy than wall time on a shared machine.
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
let cpuAtFirst = 0;
let cpuAtLast = 0;
subscribe('undici:request:create', () => {
  requests++;
  if (!firstRequest) {
    firstRequest = now();
    cpuAtFirst = cpu();
  }
});
const ended = () => {
  lastResponse = now();
  cpuAtLast = cpu();
};
subscribe('undici:request:trailers', ended);
subscribe('undici:request:error', ended);
process.on('exit', () => {
  // A worker thread (the embedded mock's) has its own copy of this module: only the main thread reports.
  if (!isMainThread) return;
  const line = JSON.stringify({
    firstRequest,
    lastResponse,
    requests,
    cpuAtFirst,
    cpuAtLast,
    cpuAtExit: cpu(),
    maxRssKiB: process.resourceUsage().maxRSS,
  });
  try {
    writeSync(3, `${line}\n`);
  } catch {
    // Not started by the benchmark: nothing to report to.
  }
});
