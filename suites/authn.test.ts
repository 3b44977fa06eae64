/** Conformance: authn cells. */
import { defineGroup } from './harness.ts';

defineGroup('authn');
