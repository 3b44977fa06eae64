/** Error messages are in German (C-BODY-2 asks only for a non-empty string). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineVariant } from './define.ts';

const DE: Record<string, string> = {
  unauthorized: 'Fehlender oder ungültiger API-Schlüssel.',
  forbidden: 'Dieser API-Schlüssel hat keine Berechtigung für diese Anfrage.',
  invalid_request: 'Die Anfrage ist ungültig.',
  resource_not_found: 'Die Ressource wurde nicht gefunden.',
  rule_disabled: 'Die Regel ist deaktiviert.',
  idempotency_conflict: 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.',
  rate_limited: 'Zu viele Anfragen. Bitte später erneut versuchen.',
};

export default defineVariant({
  id: 'error-messages-german',
  description: 'Every error message is a fixed German sentence per code (Accept-Language is not consulted).',
  replaces: 'errorMapper',
  clauses: ['C-BODY-2'],
  part: (error, rid) => {
    const r = errorMapper(error, rid);
    const e = r.body.error as { code: string; message: string };
    return { ...r, body: { ...r.body, error: { code: e.code, message: DE[e.code] ?? e.message } } };
  },
});
