/** The mutant type and a helper that builds a mutant replacing exactly one part. */
import type { MockParts } from '../app.ts';

/** One faulty mock: the defaults with exactly one part replaced. */
export interface Mutant {
  /** Kebab-case id; the file holding it is named after it. */
  id: string;
  /** The realistic fault, in one sentence. */
  description: string;
  /** The part replaced. */
  replaces: keyof MockParts;
  /** Contract clauses a correct suite cites when it catches the fault. */
  clauses: string[];
  /** Exactly one key, equal to `replaces`. */
  parts: Partial<MockParts>;
}

/** Builds a {@link Mutant} whose `parts` holds `part` under `replaces` and nothing else. */
export function defineMutant<K extends keyof MockParts>(m: { id: string; description: string; replaces: K; clauses: string[]; part: MockParts[K] }): Mutant {
  const parts: Partial<MockParts> = {};
  parts[m.replaces] = m.part;
  return Object.freeze({ id: m.id, description: m.description, replaces: m.replaces, clauses: [...m.clauses], parts: Object.freeze(parts) });
}
