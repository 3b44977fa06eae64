/** Conformance: authn cells. */
import { defineFamily } from './harness.ts';

defineFamily('authn');
