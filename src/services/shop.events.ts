import { EventEmitter } from 'node:events';
import type { Message, Product } from '../dao/managers/manager.types.js';

export interface ShopEventMap {
  'product:created': [Product];
  'product:updated': [Product];
  'product:deleted': [{ _id: string }];
  'chat:message': [Message];
}

/**
 * Changes that realtime clients must hear about. Services emit after a change is stored, whichever way
 * the request came in (REST, form or socket), and the socket layer forwards each event to every client.
 */
export class ShopEvents extends EventEmitter<ShopEventMap> {}
