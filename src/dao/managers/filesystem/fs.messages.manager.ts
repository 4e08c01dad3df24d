import { newObjectId } from '../../../utils/object-id.js';
import { compareStrings, lowerBound } from '../../../utils/sorted-array.js';
import type { Message, MessageInput, MessagePage, MessagesManager } from '../manager.types.js';
import { toMessage } from '../shapes.js';
import { DurableJsonFile } from './json.file.js';

const byId = (a: Pick<Message, '_id'>, b: Pick<Message, '_id'>): number => compareStrings(a._id, b._id);

/** Chat messages in `_id` order, held in memory and written through to `messages.json`. */
export class FsMessagesManager implements MessagesManager {
  private messages: Message[];
  private readonly file: DurableJsonFile;

  constructor(file: string, initial: readonly Message[]) {
    this.file = new DurableJsonFile(file, () => JSON.stringify(this.messages));
    this.messages = [...initial].sort(byId);
  }

  async create(input: MessageInput): Promise<Message> {
    const message: Message = toMessage({ _id: newObjectId(), ...input, createdAt: new Date().toISOString() });
    this.append(message);

    await this.file.commit();
    return toMessage(message);
  }

  async listBefore(limit: number, before?: string): Promise<MessagePage> {
    const end =
      before === undefined
        ? this.messages.length
        : lowerBound<Pick<Message, '_id'>>(this.messages, { _id: before }, byId);
    const start = Math.max(0, end - limit);
    const docs = this.messages.slice(start, end).map(toMessage);
    return { docs, nextBefore: start > 0 && docs[0] ? docs[0]._id : null };
  }

  async clear(): Promise<void> {
    this.messages = [];
    await this.file.commit();
  }

  async importMany(messages: readonly Message[]): Promise<void> {
    for (const message of messages) this.append(toMessage(message));
    await this.file.commit();
  }

  async exportAll(): Promise<Message[]> {
    return this.messages.map(toMessage);
  }

  async count(): Promise<number> {
    return this.messages.length;
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  /** Ids minted in this process only grow, so a new message almost always goes at the end. */
  private append(message: Message): void {
    const last = this.messages.at(-1);
    if (!last || last._id < message._id) {
      this.messages.push(message);
      return;
    }
    const index = lowerBound(this.messages, message, byId);
    this.messages.splice(index, 0, message);
  }
}
