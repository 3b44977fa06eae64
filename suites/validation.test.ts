/** Conformance: validation cells. */
import { defineGroup } from './harness.ts';

defineGroup('validation');
