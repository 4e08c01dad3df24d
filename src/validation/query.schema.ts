import { z } from 'zod';
import { ValidationError, type ErrorDetail } from '../errors/app.error.js';
import { messagesFor, type Lang } from '../i18n/i18n.js';
import type { ProductQuery } from '../dao/managers/manager.types.js';
import { parseWith } from './validate.js';
import { isObjectId } from '../utils/object-id.js';

const PRODUCT_LIST_KEYS = ['limit', 'page', 'sort', 'category', 'status', 'available', 'q', 'query'] as const;
type ProductListKey = (typeof PRODUCT_LIST_KEYS)[number];

/** Empty strings come from blank form fields and mean "not given". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const positiveInteger = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .transform((value, context) => {
      if (value === '') return fallback;
      if (!/^\d{1,15}$/.test(value)) {
        context.addIssue({ code: 'custom', message: 'notInteger' });
        return z.NEVER;
      }
      return Number(value);
    })
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((value) => value ?? fallback);

const booleanText = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value === '' || value === 'true' || value === 'false', { message: 'notBoolean' })
  .transform((value) => (value === '' ? undefined : value === 'true'))
  .optional();

const productListSchema = z.object({
  limit: positiveInteger(1, 100, 10),
  page: positiveInteger(1, Number.MAX_SAFE_INTEGER, 1),
  sort: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === '' || value === 'asc' || value === 'desc', { message: 'invalidSort' })
    .transform((value) => (value === '' ? undefined : (value as 'asc' | 'desc')))
    .optional(),
  category: optionalText(100),
  status: booleanText,
  available: booleanText,
  q: optionalText(200),
  query: optionalText(200),
});

/**
 * Rejects repeated parameters (`?a=1&a=2` arrives as an array) and bracketed or nested ones
 * (`category[$ne]=x`), which is how operator injection reaches a query. Other unknown keys, such as
 * `lang`, are left to their own handlers.
 */
export function assertFlatQuery(query: Record<string, unknown>, lang: Lang): void {
  const texts = messagesFor(lang).validation;
  const details: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (/[[\]]/.test(key) || (typeof value === 'object' && value !== null && !Array.isArray(value))) {
      details.push({ path: key, message: texts.nestedParam });
    } else if (Array.isArray(value)) {
      details.push({ path: key, message: texts.duplicateParam });
    }
  }
  if (details.length > 0) throw new ValidationError(details, 'INVALID_QUERY');
}

export interface ProductListRequest {
  query: ProductQuery;
  /** The filter and sort parameters as the client gave them, in link order, for prev/next links. */
  linkParams: [string, string][];
}

function applyShorthand(shorthand: string, query: ProductQuery, lang: Lang): void {
  const match = /^([a-z]+):(.*)$/i.exec(shorthand);
  if (!match) {
    query.category ??= shorthand.toLowerCase();
    return;
  }

  const field = (match[1] ?? '').toLowerCase();
  const value = (match[2] ?? '').trim();
  if (field === 'category' && value !== '') {
    query.category ??= value.toLowerCase();
  } else if ((field === 'status' || field === 'available') && /^(true|false)$/i.test(value)) {
    query[field] ??= value.toLowerCase() === 'true';
  } else {
    throw new ValidationError(
      [{ path: 'query', message: messagesFor(lang).validation.invalidShorthand }],
      'INVALID_QUERY',
    );
  }
}

/** Validates the query string of a product list: the API's and the catalogue pages' alike. */
export function parseProductListQuery(raw: Record<string, unknown>, lang: Lang): ProductListRequest {
  assertFlatQuery(raw, lang);
  const known = Object.fromEntries(
    PRODUCT_LIST_KEYS.filter((key) => key in raw).map((key) => [key, raw[key]]),
  );
  const parsed = parseWith(productListSchema, known, lang, 'INVALID_QUERY');

  const query: ProductQuery = { limit: parsed.limit, page: parsed.page };
  if (parsed.sort) query.sort = parsed.sort;
  if (parsed.category) query.category = parsed.category.toLowerCase();
  if (parsed.status !== undefined) query.status = parsed.status;
  if (parsed.available !== undefined) query.available = parsed.available;
  if (parsed.q) query.q = parsed.q;
  if (parsed.query) applyShorthand(parsed.query, query, lang);

  const linkParams: [string, string][] = [];
  for (const key of ['sort', 'category', 'status', 'available', 'q', 'query'] satisfies ProductListKey[]) {
    const value = parsed[key];
    if (value !== undefined) linkParams.push([key, String(value)]);
  }
  return { query, linkParams };
}

const messageListSchema = z.object({
  limit: positiveInteger(1, 200, 50),
  before: z
    .string()
    .refine((value) => value === '' || isObjectId(value), { message: 'invalidId' })
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

export interface MessageListQuery {
  limit: number;
  before?: string;
}

export function parseMessageListQuery(raw: Record<string, unknown>, lang: Lang): MessageListQuery {
  assertFlatQuery(raw, lang);
  const parsed = parseWith(
    messageListSchema,
    { limit: raw.limit, before: raw.before },
    lang,
    'INVALID_QUERY',
  );
  return parsed.before === undefined
    ? { limit: parsed.limit }
    : { limit: parsed.limit, before: parsed.before };
}
