/**
 * Deterministic randomness for seed data: a small seeded PRNG (mulberry32) and ULID-like IDs.
 * No Math.random anywhere in the mock's data.
 */

/** A seeded pseudo-random source. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: 32-bit state, good enough for fixtures, fully deterministic. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * ULID-shaped IDs (`acc_01H…`, 26 upper-case alphanumerics after the prefix). A counter in the
 * middle makes every ID of one generator distinct; the tail comes from `rng`.
 */
export function createIdGenerator(rng: Rng, stamp = '01H'): (prefix: string) => string {
  let counter = 0;
  return (prefix) => {
    let n = counter++;
    let mid = '';
    for (let i = 0; i < 7; i++) {
      mid = CROCKFORD[n % 32] + mid;
      n = Math.floor(n / 32);
    }
    let tail = '';
    for (let i = 0; i < 16; i++) tail += CROCKFORD[Math.floor(rng.next() * 32)];
    return `${prefix}${stamp}${mid}${tail}`;
  };
}

/** RFC 3339 UTC: whole seconds print as `2024-01-15T10:00:00Z`, others keep milliseconds. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
