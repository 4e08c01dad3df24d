import type { Message, MessagePage, Product } from '../dao/managers/manager.types.js';
import type { Lang } from '../i18n/i18n.js';
import type { ErrorEnvelope, SuccessEnvelope } from '../utils/envelope.js';

/** Envelope passed to an acknowledgement callback: the same shape as an HTTP response body. */
export type AckEnvelope<T> = SuccessEnvelope<T> | ErrorEnvelope;
export type Ack<T> = (response: AckEnvelope<T>) => void;

/**
 * Events a client sends. Payloads are typed `unknown` because they come from the network and are
 * validated with the HTTP schemas before use. An event sent without an acknowledgement callback is dropped.
 */
export interface ClientToServerEvents {
  'product:create': (payload: unknown, ack: Ack<Product>) => void;
  'product:delete': (payload: unknown, ack: Ack<Product>) => void;
  'chat:history': (payload: unknown, ack: Ack<MessagePage>) => void;
  'chat:message': (payload: unknown, ack: Ack<Message>) => void;
}

/** Events the server broadcasts to every client after a change is stored. */
export interface ServerToClientEvents {
  'product:created': (product: Product) => void;
  'product:updated': (product: Product) => void;
  'product:deleted': (deleted: { _id: string }) => void;
  'chat:message': (message: Message) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no server-to-server events
export interface InterServerEvents {}

export interface SocketData {
  /** Language of the error messages in acknowledgements, fixed at the handshake. */
  lang: Lang;
}
