/**
 * A JSON Schema 2020-12 validator configured for the contract's dereferenced schemas.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formatsModule from 'ajv-formats';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;

// ajv-formats is CommonJS: under Node ESM the namespace's default is module.exports itself.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin)) as FormatsPlugin;

/**
 * A fresh Ajv 2020 instance with `ajv-formats` (date-time…), all errors reported, and strict mode
 * off so OpenAPI annotations (`example`, `x-…`) inside schemas never throw.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}
