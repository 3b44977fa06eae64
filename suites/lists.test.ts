/** Conformance: list cells (filters, membership, order) and page walks. */
import { defineGroup } from './harness.ts';

defineGroup('lists', ['page_walk', 'foreign_cursor']);
