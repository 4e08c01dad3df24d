import { z } from 'zod';
import { OBJECT_ID_PATTERN } from '../../utils/object-id.js';

/*
 * The shapes of stored records, as the manager contract returns them. The file store checks its files
 * against these at start-up, and the OpenAPI document describes responses with them.
 */

export const objectIdSchema = z.string().regex(OBJECT_ID_PATTERN);

const isoDate = z.string().min(1);

export const productRecordSchema = z.object({
  _id: objectIdSchema,
  title: z.string(),
  description: z.string(),
  code: z.string(),
  price: z.number(),
  status: z.boolean(),
  stock: z.number().int(),
  category: z.string(),
  thumbnails: z.array(z.string()),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const cartRecordSchema = z.object({
  _id: objectIdSchema,
  products: z.array(z.object({ product: objectIdSchema, quantity: z.number().int().min(1) })),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const messageRecordSchema = z.object({
  _id: objectIdSchema,
  user: z.string(),
  message: z.string(),
  createdAt: isoDate,
});
