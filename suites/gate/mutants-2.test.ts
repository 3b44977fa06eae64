/** The mutant gate, part 2 of 2 (see ./mutant-gate.ts). */
import { defineMutantGate } from './mutant-gate.ts';

defineMutantGate(2, 2);
