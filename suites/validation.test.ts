/** Conformance: validation cells. */
import { defineFamily } from './harness.ts';

defineFamily('validation');
