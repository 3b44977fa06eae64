/** Conformance: permissions cells. */
import { defineGroup } from './harness.ts';

defineGroup('permissions');
