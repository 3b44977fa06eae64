/** Conformance: state scenarios (create, trigger, replay, denied writes). */
import { defineFamily } from './harness.ts';

defineFamily('state', ['create_readback', 'trigger_poll', 'idempotent_replay', 'denied_write']);
