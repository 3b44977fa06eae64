/** Conformance: list cells (filters, membership, order) and page walks. */
import { defineFamily } from './harness.ts';

defineFamily('lists', ['page_walk', 'foreign_cursor']);
