import { randomBytes } from 'node:crypto';

export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

/** Five random bytes per process, as in a MongoDB ObjectId, so two processes never mint the same id. */
const processUnique = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * Mints a 24-hex id with the layout of a MongoDB ObjectId (seconds, process bytes, counter), so ids from
 * the file store are valid ObjectIds and sort by creation time across stores.
 */
export function newObjectId(now: number = Date.now()): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + processUnique + counter.toString(16).padStart(6, '0');
}

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID_PATTERN.test(value);
}
