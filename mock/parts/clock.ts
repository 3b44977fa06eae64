/** `clock` part: the time every state computation uses (ms since the epoch). */

/** Returns now in milliseconds. */
export type Clock = () => number;

/** Default: the wall clock. */
export const clock: Clock = () => Date.now();
