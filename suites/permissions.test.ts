/** Conformance: permissions cells. */
import { defineFamily } from './harness.ts';

defineFamily('permissions');
