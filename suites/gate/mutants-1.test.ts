/** The mutant gate, part 1 of 2 (see ./mutant-gate.ts). */
import { defineMutantGate } from './mutant-gate.ts';

defineMutantGate(1, 2);
