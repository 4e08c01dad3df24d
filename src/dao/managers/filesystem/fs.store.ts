import path from 'node:path';
import { z } from 'zod';
import type { Store } from '../manager.types.js';
import { cartRecordSchema, messageRecordSchema, productRecordSchema } from '../record.schemas.js';
import { FsCartsManager } from './fs.carts.manager.js';
import { FsMessagesManager } from './fs.messages.manager.js';
import { FsProductsManager } from './fs.products.manager.js';
import { readJsonArray, StoreFileError } from './json.file.js';

async function loadCollection<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const raw = await readJsonArray(file);
  const result = z.array(schema).safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new StoreFileError(
      `Store file ${file} has an invalid record at [${issue?.path.join('.')}]: ${issue?.message}; it was not modified.`,
    );
  }
  return result.data;
}

/**
 * Opens the JSON file store in `dataDir` (`products.json`, `carts.json`, `messages.json`). Everything
 * is loaded once here and served from memory afterwards. A missing folder or file is an empty
 * collection; a damaged file throws a StoreFileError before anything is written.
 */
export async function openFsStore(dataDir: string): Promise<Store> {
  const folder = path.resolve(dataDir);
  const files = {
    products: path.join(folder, 'products.json'),
    carts: path.join(folder, 'carts.json'),
    messages: path.join(folder, 'messages.json'),
  };

  const [products, carts, messages] = await Promise.all([
    loadCollection(files.products, productRecordSchema),
    loadCollection(files.carts, cartRecordSchema),
    loadCollection(files.messages, messageRecordSchema),
  ]);

  const managers = {
    products: new FsProductsManager(files.products, products),
    carts: new FsCartsManager(files.carts, carts),
    messages: new FsMessagesManager(files.messages, messages),
  };

  return {
    kind: 'fs',
    ...managers,
    async ping() {},
    async close() {
      await Promise.all([managers.products.flush(), managers.carts.flush(), managers.messages.flush()]);
    },
  };
}
