import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from '../config/logger.js';
import { resolveLang } from '../i18n/i18n.js';
import type { MessagesService } from '../services/messages.service.js';
import type { ProductsService } from '../services/products.service.js';
import type { ShopEventMap, ShopEvents } from '../services/shop.events.js';
import { registerChatHandlers } from './chat.socket.js';
import { registerProductHandlers } from './products.socket.js';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from './socket.events.js';

/** Largest Socket.io message accepted; a larger one closes that client's connection. */
export const SOCKET_MAX_BYTES = 16 * 1024;

type ShopEventListeners = { [E in keyof ShopEventMap]: (...args: ShopEventMap[E]) => void };

export type ShopIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketDeps {
  server: HttpServer;
  events: ShopEvents;
  products: ProductsService;
  messages: MessagesService;
  logger: Logger;
}

export interface ShopSockets {
  io: ShopIo;
  /** Stops forwarding shop events, disconnects every client and closes the HTTP server. */
  close(): Promise<void>;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Attaches Socket.io to the shop's HTTP server: client events go through the services, and every
 * stored change that the services announce is broadcast to all clients.
 */
export function attachSockets(deps: SocketDeps): ShopSockets {
  const { logger } = deps;
  const io: ShopIo = new Server(deps.server, { maxHttpBufferSize: SOCKET_MAX_BYTES, serveClient: true });

  io.engine.on('connection_error', (error: { code: number; message: string }) => {
    logger.info({ code: error.code, reason: error.message }, 'socket connection rejected');
  });

  io.on('connection', (socket) => {
    const headers = socket.handshake.headers;
    const auth = socket.handshake.auth as { lang?: unknown } | undefined;
    socket.data.lang = resolveLang(
      auth?.lang,
      cookieValue(headers.cookie, 'lang'),
      headers['accept-language'],
    );
    logger.debug({ socketId: socket.id }, 'socket connected');
    socket.on('disconnect', (reason) => {
      logger.debug({ socketId: socket.id, reason }, 'socket disconnected');
    });

    registerProductHandlers(socket, deps.products, logger);
    registerChatHandlers(socket, deps.messages, logger);
  });

  const forwarders: ShopEventListeners = {
    'product:created': (product) => io.emit('product:created', product),
    'product:updated': (product) => io.emit('product:updated', product),
    'product:deleted': (deleted) => io.emit('product:deleted', deleted),
    'chat:message': (message) => io.emit('chat:message', message),
  };
  const { events } = deps;
  events.on('product:created', forwarders['product:created']);
  events.on('product:updated', forwarders['product:updated']);
  events.on('product:deleted', forwarders['product:deleted']);
  events.on('chat:message', forwarders['chat:message']);

  return {
    io,
    async close() {
      events.off('product:created', forwarders['product:created']);
      events.off('product:updated', forwarders['product:updated']);
      events.off('product:deleted', forwarders['product:deleted']);
      events.off('chat:message', forwarders['chat:message']);
      await io.close();
    },
  };
}
