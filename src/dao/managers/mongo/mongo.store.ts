import type { Logger } from '../../../config/logger.js';
import { StoreUnavailableError } from '../../../errors/app.error.js';
import { connectMongo } from '../../../config/mongoose.js';
import { cartModel } from '../../models/cart.model.js';
import { messageModel } from '../../models/message.model.js';
import { productModel } from '../../models/product.model.js';
import type { Store } from '../manager.types.js';
import { MongoCartsManager } from './mongo.carts.manager.js';
import { mapErrors } from './mongo.errors.js';
import { MongoMessagesManager } from './mongo.messages.manager.js';
import { MongoProductsManager } from './mongo.products.manager.js';

export interface MongoStoreOptions {
  url: string;
  logger: Logger;
  /** Overrides the database named in the URL (default `ecommerce`). */
  dbName?: string;
  /** How long start-up keeps retrying the first connection, in milliseconds. */
  startupTimeoutMs?: number;
}

/**
 * Connects to MongoDB and makes sure the collections and indexes exist, so the unique index on `code`
 * is in place before the first write. After start-up the driver reconnects on its own: while the server
 * is down every call rejects with STORE_UNAVAILABLE, and calls succeed again once it is back.
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const connection = await connectMongo(options);
  const models = {
    products: productModel(connection),
    carts: cartModel(connection),
    messages: messageModel(connection),
  };

  try {
    await Promise.all([
      models.products.createIndexes(),
      models.carts.createIndexes(),
      models.messages.createIndexes(),
    ]);
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    throw error;
  }

  return {
    kind: 'mongo',
    products: new MongoProductsManager(models.products),
    carts: new MongoCartsManager(models.carts),
    messages: new MongoMessagesManager(models.messages),
    ping() {
      return mapErrors(async () => {
        if (!connection.db) throw new StoreUnavailableError();
        await connection.db.admin().command({ ping: 1 });
      });
    },
    async close() {
      await connection.close();
    },
  };
}
