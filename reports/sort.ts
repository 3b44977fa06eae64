/** Locale-free comparisons, so that every report orders the same way on every machine. */

/** Compares two strings by code unit; `null` sorts first. */
export function compareStrings(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A comparator that tries each of `comparators` in turn until one tells the values apart. */
export function chain<T>(...comparators: Array<(a: T, b: T) => number>): (a: T, b: T) => number {
  return (a, b) => {
    for (const c of comparators) {
      const d = c(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
}

/** A comparator on a string field. */
export function byKey<T>(key: (v: T) => string | null | undefined): (a: T, b: T) => number {
  return (a, b) => compareStrings(key(a), key(b));
}

/** Sorted copy of distinct strings. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}
