import type { Message, MessageInput, MessagePage, MessagesManager } from '../dao/managers/manager.types.js';
import type { ShopEvents } from './shop.events.js';

export interface MessagesServiceDeps {
  messages: MessagesManager;
  events: ShopEvents;
}

export class MessagesService {
  constructor(private readonly deps: MessagesServiceDeps) {}

  list(limit: number, before?: string): Promise<MessagePage> {
    return this.deps.messages.listBefore(limit, before);
  }

  async create(input: MessageInput): Promise<Message> {
    const message = await this.deps.messages.create(input);
    this.deps.events.emit('chat:message', message);
    return message;
  }
}
