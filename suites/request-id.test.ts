/** Conformance: request_id cells. */
import { defineFamily } from './harness.ts';

defineFamily('request_id');
