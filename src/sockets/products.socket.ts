import type { Logger } from '../config/logger.js';
import type { ProductsService } from '../services/products.service.js';
import { productCreateSchema } from '../validation/product.schema.js';
import { parseId, parseWith } from '../validation/validate.js';
import { z } from 'zod';
import { onClientEvent, type ShopSocket } from './socket.handler.js';

const deleteSchema = z.strictObject({ _id: z.string() });

/** `product:create` and `product:delete`: the same service calls as the REST routes. */
export function registerProductHandlers(socket: ShopSocket, products: ProductsService, logger: Logger): void {
  onClientEvent(socket, logger, 'product:create', async (payload) => {
    const input = parseWith(productCreateSchema, payload, socket.data.lang);
    return products.create(input);
  });

  onClientEvent(socket, logger, 'product:delete', async (payload) => {
    const { _id } = parseWith(deleteSchema, payload, socket.data.lang);
    return products.delete(parseId(_id));
  });
}
