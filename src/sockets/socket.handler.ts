import type { Socket } from 'socket.io';
import type { Logger } from '../config/logger.js';
import { AppError, isAppError } from '../errors/app.error.js';
import { errorMessage, type Lang } from '../i18n/i18n.js';
import { failure, success } from '../utils/envelope.js';
import type {
  AckEnvelope,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from './socket.events.js';

export type ShopSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

type AckPayload<E extends keyof ClientToServerEvents> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends AckEnvelope<infer T> ? T : never;

/** Builds the error envelope of an acknowledgement, worded in the language of the connection. */
export function errorAck(lang: Lang, error: AppError): AckEnvelope<never> {
  return failure(error.code, errorMessage(lang, error.code, error.params), error.details);
}

/**
 * Registers `handler` for a client event. The handler receives the raw payload and validates it with
 * its schema. Its result is acknowledged in the HTTP success envelope, and an AppError in the error
 * envelope. Any other exception is logged and acknowledged as INTERNAL_ERROR without its stack.
 * An event without an acknowledgement callback is dropped and logged once per connection and event,
 * because the client could not learn whether it succeeded.
 */
export function onClientEvent<E extends keyof ClientToServerEvents>(
  socket: ShopSocket,
  logger: Logger,
  event: E,
  handler: (payload: unknown) => Promise<AckPayload<E>>,
): void {
  let missingAckLogged = false;

  const listener = async (...args: unknown[]): Promise<void> => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (response: AckEnvelope<AckPayload<E>>) => void) : null;
    if (!ack) {
      if (!missingAckLogged) {
        missingAckLogged = true;
        logger.info({ socketId: socket.id, event }, 'socket event without acknowledgement dropped');
      }
      return;
    }

    const payload = args.length > 1 ? args[0] : undefined;
    const lang = socket.data.lang;
    try {
      ack(success(await handler(payload)));
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('INTERNAL_ERROR', { cause: error });
      if (appError.status >= 500) {
        logger.error({ err: error, socketId: socket.id, event, code: appError.code }, 'socket event failed');
      } else {
        logger.info({ socketId: socket.id, event, code: appError.code }, 'socket event rejected');
      }
      ack(errorAck(lang, appError));
    }
  };

  // The listener reads its arguments itself, because a client may leave out the payload or the ack.
  const untyped = socket as unknown as { on(name: string, listener: (...args: unknown[]) => void): void };
  untyped.on(event, (...args) => void listener(...args));
}
