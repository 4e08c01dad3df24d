import type { Logger } from '../config/logger.js';
import { AppError } from '../errors/app.error.js';
import type { MessagesService } from '../services/messages.service.js';
import { chatHistorySchema, messageSchema } from '../validation/message.schema.js';
import { parseWith } from '../validation/validate.js';
import { onClientEvent, type ShopSocket } from './socket.handler.js';

export const CHAT_MESSAGES_PER_WINDOW = 5;
export const CHAT_WINDOW_MS = 1000;
const DEFAULT_HISTORY_LIMIT = 50;

/**
 * Counts accepted messages in a sliding window of `windowMs`. Returns 0 when one more is allowed, or
 * the milliseconds until the oldest message in the window expires.
 */
export function createSlidingWindow(limit: number, windowMs: number, now: () => number = Date.now) {
  const accepted: number[] = [];
  return {
    waitMs(): number {
      const current = now();
      while (accepted.length > 0 && current - (accepted[0] ?? 0) >= windowMs) accepted.shift();
      return accepted.length < limit ? 0 : windowMs - (current - (accepted[0] ?? current));
    },
    record(): void {
      accepted.push(now());
    },
  };
}

/** `chat:message` (stored, then broadcast by the service's event) and `chat:history`. */
export function registerChatHandlers(socket: ShopSocket, messages: MessagesService, logger: Logger): void {
  const window = createSlidingWindow(CHAT_MESSAGES_PER_WINDOW, CHAT_WINDOW_MS);

  onClientEvent(socket, logger, 'chat:message', async (payload) => {
    const waitMs = window.waitMs();
    if (waitMs > 0) {
      throw new AppError('RATE_LIMITED', { params: { retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) } });
    }
    const input = parseWith(messageSchema, payload, socket.data.lang);

    window.record();
    return messages.create(input);
  });

  onClientEvent(socket, logger, 'chat:history', async (payload) => {
    const query = parseWith(chatHistorySchema, payload, socket.data.lang);
    return messages.list(query?.limit ?? DEFAULT_HISTORY_LIMIT, query?.before);
  });
}
