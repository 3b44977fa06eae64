/** Conformance: org cells. */
import { defineGroup } from './harness.ts';

defineGroup('org');
