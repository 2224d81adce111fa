import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(options: Options): Ajv {
  return addFormats(new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options }));
}

/**
 * Bodies are validated exactly (a number is never silently turned into a string: wrong types are
 * errors); query strings and path parameters arrive as text, so they are coerced to the schema.
 */
export function registerValidator(app: FastifyInstance): void {
  const bodyAjv = makeAjv({ coerceTypes: false });
  const textAjv = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema),
  );
}
