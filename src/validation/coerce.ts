import { z } from 'zod';

/*
 * HTML forms send every value as a string. These preprocessors turn the strings that clearly mean a
 * number or a boolean into one, and leave anything else unchanged so the schema reports it.
 */

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

export function numberFromForm<S extends z.ZodType>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value),
    schema,
  );
}

export function booleanFromForm<S extends z.ZodType>(schema: S) {
  const parse = (value: unknown): unknown => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    return value;
  };
  return z.preprocess(parse, schema);
}

/** Largest price, stock or quantity accepted, so totals in integer cents stay exact. */
export const MAX_AMOUNT = 1_000_000_000;
