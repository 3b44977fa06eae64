/** An empty page of a paged list carries no `page_info` (C-LIST-3, C-BODY-2). */
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'empty-page-without-page-info',
  description: 'The envelope drops page_info when the page is empty (the list short-circuits before paging).',
  replaces: 'serialize',
  clauses: ['C-LIST-3', 'C-BODY-2', 'C-BODY-1'],
  part: {
    ...serialize,
    envelope: (rid, data, pageInfo) =>
      serialize.envelope(rid, data, Array.isArray(data) && data.length === 0 ? undefined : pageInfo),
  },
});
