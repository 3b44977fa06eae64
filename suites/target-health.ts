/**
 * What a run knows about its target's health, shared by every request of the run: the wait
 * budget (time spent waiting out 429s and retry back-offs, across all requests) and the circuit
 * breaker (after N consecutive connection failures the run stops sending). The transport asks it
 * before it waits or sends; the run reads why it stopped.
 */

/** Budgets of a run's {@link TargetHealth}. */
export interface HealthOptions {
  /** Total time the run may spend waiting on the target (429 and retry back-off), in ms. Default 120 s. */
  maxWaitMs?: number;
  /** Consecutive connection failures (resets, refusals, timeouts) after which the run stops sending. Default 10. */
  breakerThreshold?: number;
}

/** Defaults of {@link HealthOptions}. */
export const HEALTH_DEFAULTS = { maxWaitMs: 120_000, breakerThreshold: 10 } as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The run's wait budget and circuit breaker. One per run; every transport of the run shares it. */
export class TargetHealth {
  readonly maxWaitMs: number;
  readonly breakerThreshold: number;
  #spentMs = 0;
  #waiting = 0;
  #since = 0;
  #consecutive = 0;
  #lastFailure = '';
  #stopped: string | undefined;

  constructor(opts: HealthOptions = {}) {
    this.maxWaitMs = opts.maxWaitMs ?? HEALTH_DEFAULTS.maxWaitMs;
    this.breakerThreshold = opts.breakerThreshold ?? HEALTH_DEFAULTS.breakerThreshold;
  }

  /** Wall time during which at least one request was waiting, in ms (concurrent waits count once). */
  get spentMs(): number {
    return this.#spentMs + (this.#waiting > 0 ? performance.now() - this.#since : 0);
  }

  /** What is left of the wait budget, in ms. */
  get remainingMs(): number {
    return Math.max(0, this.maxWaitMs - this.spentMs);
  }

  /**
   * Waits `ms` if the budget allows it, and returns true; returns false at once when it does not.
   * A wait admitted now ends before the budget is spent, whatever other requests wait meanwhile.
   */
  async wait(ms: number): Promise<boolean> {
    if (ms > this.remainingMs) return false;
    if (this.#waiting++ === 0) this.#since = performance.now();
    try {
      await sleep(ms);
    } finally {
      if (--this.#waiting === 0) this.#spentMs += performance.now() - this.#since;
    }
    return true;
  }

  /** A request got an answer (any status): the breaker's count starts again. */
  answered(): void {
    this.#consecutive = 0;
  }

  /** A request failed at the connection (reset, refused, timeout); may open the breaker. */
  connectionFailed(why: string): void {
    this.#lastFailure = why;
    if (++this.#consecutive >= this.breakerThreshold && !this.#stopped)
      this.#stopped = `the target stopped answering: ${this.#consecutive} consecutive connection failures (last: ${why})`;
  }

  /** Why the run stopped sending, or undefined while it goes on. */
  get stopped(): string | undefined {
    return this.#stopped;
  }

  /** Stops the run for another reason (e.g. a user's --max-failures); the first reason stays. */
  stop(why: string): void {
    this.#stopped ??= why;
  }

  /** The last connection failure seen, for messages. */
  get lastFailure(): string {
    return this.#lastFailure;
  }
}
