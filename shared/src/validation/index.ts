/**
 * Request validation: the schema toolkit (as `schema`), the domain's field schemas (as `fields`)
 * and a schema for every action (`REQUEST_SCHEMAS`, `parseRequest`, `requestParser`).
 */
export { validate, type Infer, type Parsed, type Schema } from './schema.js';
export * as schema from './schema.js';
export * as fields from './fields.js';
export { MAX_CODES_PER_CALL, MAX_CODE_FIELD_LENGTH } from './fields.js';
export { REQUEST_SCHEMAS, parseRequest, requestParser } from './requests.js';
