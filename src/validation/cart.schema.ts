import { z } from 'zod';
import { OBJECT_ID_PATTERN } from '../utils/object-id.js';
import { MAX_AMOUNT, numberFromForm } from './coerce.js';

/** Most distinct lines one cart may hold; a replace body with more is a VALIDATION_ERROR. */
export const MAX_CART_LINES = 1000;

const quantity = numberFromForm(z.number().int({ message: 'notInteger' }).min(1).max(MAX_AMOUNT));

/** Body of an add: optional, `{ quantity }` defaulting to 1. A missing or empty body means 1. */
export const addToCartSchema = z.preprocess(
  (body) => (body === undefined || body === null ? {} : body),
  z.strictObject({ quantity: quantity.default(1) }),
);

export const setQuantitySchema = z.strictObject({ quantity });

const cartLineSchema = z.strictObject({
  product: z.string().regex(OBJECT_ID_PATTERN, { message: 'invalidId' }),
  quantity,
});

function unwrapProducts(body: unknown): unknown {
  const isWrapper =
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).join() === 'products';
  return isWrapper ? (body as { products: unknown }).products : body;
}

/** Body of a replace: a bare list of lines or `{ products: [...] }`. */
export const replaceCartSchema = z.preprocess(
  unwrapProducts,
  z.array(cartLineSchema, { message: 'productsList' }).max(MAX_CART_LINES),
);
