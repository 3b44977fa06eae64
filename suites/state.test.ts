/** Conformance: state scenarios (create, trigger, replay, denied writes). */
import { defineGroup } from './harness.ts';

defineGroup('state', ['create_readback', 'trigger_poll', 'idempotent_replay', 'denied_write']);
