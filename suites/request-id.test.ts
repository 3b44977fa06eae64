/** Conformance: request_id cells. */
import { defineGroup } from './harness.ts';

defineGroup('request_id');
