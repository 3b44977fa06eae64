/** A helper that builds a mutant replacing exactly one part. */
import type { MockParts } from '../app.ts';
import type { Mutant } from './index.ts';

/** Builds a {@link Mutant} whose `parts` holds `part` under `replaces` and nothing else. */
export function defineMutant<K extends keyof MockParts>(m: {
  id: string;
  description: string;
  replaces: K;
  clauses: string[];
  part: MockParts[K];
  /** The route handler the mutant copies with one fault, and the hash of the original it copied (./route-source.ts). */
  copies?: { file: string; handler: string; sha: string };
}): Mutant {
  const parts: Partial<MockParts> = {};
  parts[m.replaces] = m.part;
  return Object.freeze({
    id: m.id,
    description: m.description,
    replaces: m.replaces,
    clauses: [...m.clauses],
    parts: Object.freeze(parts),
    ...(m.copies ? { copies: m.copies } : {}),
  });
}
