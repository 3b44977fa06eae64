/** Conformance: org cells. */
import { defineFamily } from './harness.ts';

defineFamily('org');
