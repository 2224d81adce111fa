import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The range of a PostgreSQL `integer`: every integer a client sends fits in it. */
export const INT_MIN = -2_147_483_648;
export const INT_MAX = 2_147_483_647;

function makeAjv(options: Options): Ajv {
  return addFormats(new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options }));
}

/**
 * A copy of a request schema whose integers without bounds get the `integer` range, so `1e20`
 * (or `1e400`, which ajv takes as the integer Infinity) is a 400, never an out-of-range error of
 * the database. The declared schema (and so the OpenAPI document) is left as written.
 */
export function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundIntegers);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema))
    copy[key] = key === 'enum' || key === 'const' || key === 'default' ? value : boundIntegers(value);
  const type = copy.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    if (copy.minimum === undefined && copy.exclusiveMinimum === undefined) copy.minimum = INT_MIN;
    if (copy.maximum === undefined && copy.exclusiveMaximum === undefined) copy.maximum = INT_MAX;
  }
  return copy;
}

/** NUL, or a UTF-16 surrogate without its pair (`\p{Cs}` in `u` mode matches only lone ones). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/**
 * Text PostgreSQL cannot store: the NUL character (refused by every text column) and lone UTF-16
 * surrogates (not Unicode at all). Returns the path of the first string (value or key) holding
 * either, walking iteratively so a deeply nested body cannot exhaust the stack.
 */
export function unstorableText(value: unknown, root: string): string | null {
  const bad = (s: string) => UNSTORABLE.test(s);
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (bad(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}/${i}`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && typeof (v as { pipe?: unknown }).pipe !== 'function') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        if (bad(k)) return `${path}/${JSON.stringify(k).slice(1, -1)}`;
        stack.push([child, `${path}/${k}`]);
      }
    }
  }
  return null;
}

/**
 * Bodies are validated exactly (a number is never silently turned into a string: wrong types are
 * errors); query strings and path parameters arrive as text, so they are coerced to the schema.
 * Before either, text the database cannot hold is refused on every route (400 VALIDATION_FAILED
 * naming the field), so no handler has to remember it.
 */
export function registerValidator(app: FastifyInstance): void {
  const bodyAjv = makeAjv({ coerceTypes: false });
  const textAjv = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(boundIntegers(schema) as object));
  app.addHook('preValidation', async (request) => {
    const path =
      unstorableText(request.params, 'params') ?? unstorableText(request.query, 'querystring') ?? unstorableText(request.body, 'body');
    if (path) throw new AppError('VALIDATION_FAILED', [{ path, message: 'must not contain the NUL character or broken Unicode' }]);
  });
}
