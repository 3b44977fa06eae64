/**
 * What a run knows about its target's behaviour, shared by every request of the run: the wait
 * budget (time spent waiting out 429s and retry back-offs, across all requests), the circuit
 * breaker (after N consecutive connection failures the run stops sending), and the credentials
 * the target echoed back (masked where they entered). The transport asks it before it waits or
 * sends and tells it what it masked; the run reads why it stopped and what was echoed.
 */

/** Budgets of a run's {@link TargetHealth}. */
export interface HealthOptions {
  /** Total time the run may spend waiting on the target (429 and retry back-off), in ms. Default 120 s. */
  maxWaitMs?: number;
  /** Consecutive connection failures (resets, refusals, timeouts of more than one endpoint) after which the run stops sending. Default 10. */
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
  #recent: Array<{ endpoint: string; timeout: boolean }> = [];
  #lastFailure = '';
  #stopped: string | undefined;
  readonly #echoes = new Map<string, { key_id: string; field: string; places: number }>();

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
    this.#recent = [];
  }

  /**
   * A request failed at the connection (reset, refused) or timed out; may open the breaker: after
   * N consecutive failures, unless every one of them is a timeout of the same endpoint (one slow
   * operation is judged cell by cell; a target that stopped answering fails everywhere).
   */
  connectionFailed(why: string, endpoint = '', timeout = false): void {
    this.#lastFailure = why;
    this.#recent.push({ endpoint, timeout });
    if (this.#recent.length < this.breakerThreshold || this.#stopped) return;
    const window = this.#recent.slice(-this.breakerThreshold);
    const oneSlowEndpoint = window.every((f) => f.timeout) && new Set(window.map((f) => f.endpoint)).size === 1;
    if (!oneSlowEndpoint)
      this.#stopped = `the target stopped answering: ${this.#recent.length} consecutive connection failures (last: ${why})`;
  }

  /** Why the run stopped sending, or undefined while it goes on. */
  get stopped(): string | undefined {
    return this.#stopped;
  }

  /** Stops the run for another reason (e.g. a user's --max-failures); the first reason stays. */
  stop(why: string): void {
    this.#stopped ??= why;
  }

  /** The target sent back a form of key `keyId`'s secret in `field` (masked where it entered). */
  echoed(keyId: string, field: string, places: number): void {
    const k = `${keyId}\u0000${field}`;
    const e = this.#echoes.get(k) ?? { key_id: keyId, field, places: 0 };
    e.places += places;
    this.#echoes.set(k, e);
  }

  /** Every echo seen so far: key, field and places. */
  echoes(): Array<{ key_id: string; field: string; places: number }> {
    return [...this.#echoes.values()].map((e) => ({ ...e }));
  }

  /** The last connection failure seen, for messages. */
  get lastFailure(): string {
    return this.#lastFailure;
  }
}
