import { z } from 'zod';

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
    before: z
      .string()
      .regex(/^[0-9a-f]{24}$/, { message: 'invalidId' })
      .optional(),
  })
  .optional();
