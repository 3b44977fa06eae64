/** Conformance: discovery cells (one per organization and GET operation). */
import { defineDiscovery } from './harness.ts';

defineDiscovery();
