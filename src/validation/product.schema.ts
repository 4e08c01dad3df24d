import { z } from 'zod';
import { booleanFromForm, MAX_AMOUNT, numberFromForm } from './coerce.js';

const IGNORED_KEYS = ['_id', 'id', 'createdAt', 'updatedAt'];

const hasAtMostTwoDecimals = (value: number): boolean => {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
};

const productFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  code: z.string().trim().min(1).max(64),
  price: numberFromForm(
    z.number().min(0).max(MAX_AMOUNT).refine(hasAtMostTwoDecimals, { message: 'priceDecimals' }),
  ),
  status: booleanFromForm(z.boolean()),
  stock: numberFromForm(z.number().int({ message: 'notInteger' }).min(0).max(MAX_AMOUNT)),
  category: z.string().trim().min(1).max(100),
  thumbnails: z.array(z.string().trim().min(1).max(2048)).max(10),
};

/**
 * Drops the keys a client may echo back (`_id`, timestamps) and folds the single `thumbnail` form
 * field, or a lone `thumbnails` string, into the `thumbnails` list.
 */
function normaliseBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;

  // fromEntries defines own properties, so a `__proto__` key stays a key and is reported as unknown.
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(body).filter(([key]) => !IGNORED_KEYS.includes(key)),
  );
  if (typeof copy.thumbnails === 'string') copy.thumbnails = [copy.thumbnails];
  if ('thumbnail' in copy) {
    const single = copy.thumbnail;
    delete copy.thumbnail;
    copy.thumbnails = Array.isArray(copy.thumbnails) ? [...copy.thumbnails, single] : [single];
  }
  return copy;
}

export const productCreateSchema = z.preprocess(
  normaliseBody,
  z.strictObject({
    ...productFields,
    status: productFields.status.default(true),
    thumbnails: productFields.thumbnails.default([]),
  }),
);

export const productUpdateSchema = z.preprocess(
  normaliseBody,
  z
    .strictObject({
      title: productFields.title.optional(),
      description: productFields.description.optional(),
      code: productFields.code.optional(),
      price: productFields.price.optional(),
      status: productFields.status.optional(),
      stock: productFields.stock.optional(),
      category: productFields.category.optional(),
      thumbnails: productFields.thumbnails.optional(),
    })
    .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
      message: 'atLeastOneField',
    }),
);

export type ProductCreateBody = z.output<typeof productCreateSchema>;
export type ProductUpdateBody = z.output<typeof productUpdateSchema>;
