/** The 403 of an object-addressed read names short or numeric fields of the object (C-PERM-8). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'forbidden-message-leaks-details',
  description:
    'A helpful 403 message describes the object refused: "transfer of 12345 cents (complete)", "card ending 4242 (frozen)".',
  replaces: 'errorMapper',
  clauses: ['C-PERM-8'],
  part: (error, rid) => {
    const mapped = errorMapper(error, rid);
    const s = error.subject as Record<string, unknown> | undefined;
    if (mapped.status !== 403 || !s) return mapped;
    const what =
      typeof s.amount_in_cents === 'number'
        ? `transfer of ${s.amount_in_cents} cents (${String(s.status)})`
        : typeof s.last_four === 'string'
          ? `card ending ${s.last_four} (${String(s.status)})`
          : `execution (${String(s.status)})`;
    return {
      ...mapped,
      body: { ...mapped.body, error: { code: 'forbidden', message: `This API key may not read this ${what}.` } },
    };
  },
});
