/** Error messages are long and carry a documentation link and a reference (no field of the resource, C-PERM-8). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'error-messages-with-doc-links',
  description: 'Every error message is long and explanatory, with a documentation link and an error reference number.',
  replaces: 'errorMapper',
  clauses: ['C-BODY-2', 'C-PERM-8'],
  part: (error, rid) =>
    errorMapper(
      {
        ...error,
        message: `${error.message} See https://docs.example.com/errors#${error.kind} (ref ${rid.length} / 4031).`,
      },
      rid,
    ),
});
