/**
 * A JSON Schema 2020-12 validator configured for the contract's dereferenced schemas.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formatsModule from 'ajv-formats';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;

// ajv-formats is CommonJS: under Node ESM the namespace's default is module.exports itself.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin)) as FormatsPlugin;

/** OpenAPI annotations that may sit inside the contract's schemas; declared so strict mode accepts them. */
export const OPENAPI_SCHEMA_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'] as const;

/**
 * A fresh Ajv 2020 instance in strict mode (unknown keywords, ignored keywords and ambiguous
 * types are errors, so a schema typo cannot silently accept everything), with `ajv-formats`
 * (date-time…), union types for nullable fields, and all errors reported.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS]);
  return ajv;
}
