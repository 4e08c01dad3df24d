import { z } from 'zod';
import { OBJECT_ID_PATTERN } from '../utils/object-id.js';

export const messageSchema = z.strictObject({
  user: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'invalidEmail' }).max(254)),
  message: z.string().trim().min(1).max(1000),
});

export const chatHistorySchema = z
  .strictObject({
    limit: z.number().int().min(1).max(200).optional(),
    before: z.string().regex(OBJECT_ID_PATTERN, { message: 'invalidId' }).optional(),
  })
  .optional();
