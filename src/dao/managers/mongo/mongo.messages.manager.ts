import mongoose, { type Model } from 'mongoose';
import type { MessageDocument } from '../../models/message.model.js';
import type { Message, MessageInput, MessagePage, MessagesManager } from '../manager.types.js';
import { mapErrors, toObjectId } from './mongo.errors.js';
import { messageFromDocument } from './mongo.shapes.js';

const { trusted } = mongoose;

/** Chat messages in the `messages` collection, paged by `_id` like the file store. */
export class MongoMessagesManager implements MessagesManager {
  constructor(private readonly model: Model<MessageDocument>) {}

  create(input: MessageInput): Promise<Message> {
    return mapErrors(async () => {
      const created = await this.model.create({ user: input.user, message: input.message });
      return messageFromDocument(created.toObject());
    });
  }

  /** Reads one message more than asked for, to learn whether older messages exist. */
  listBefore(limit: number, before?: string): Promise<MessagePage> {
    return mapErrors(async () => {
      const filter = before === undefined ? {} : { _id: trusted({ $lt: toObjectId(before) }) };
      const newestFirst = await this.model
        .find(filter)
        .sort({ _id: -1 })
        .limit(limit + 1)
        .lean<MessageDocument[]>();

      const hasOlder = newestFirst.length > limit;
      const docs = newestFirst.slice(0, limit).reverse().map(messageFromDocument);
      return { docs, nextBefore: hasOlder && docs[0] ? docs[0]._id : null };
    });
  }

  clear(): Promise<void> {
    return mapErrors(async () => {
      await this.model.deleteMany({});
    });
  }

  importMany(messages: readonly Message[]): Promise<void> {
    return mapErrors(async () => {
      if (messages.length === 0) return;
      await this.model.bulkWrite(
        messages.map((message) => ({
          insertOne: {
            document: {
              _id: toObjectId(message._id),
              user: message.user,
              message: message.message,
              createdAt: new Date(message.createdAt),
            },
          },
        })),
        { ordered: true, timestamps: false },
      );
    });
  }

  exportAll(): Promise<Message[]> {
    return mapErrors(async () => {
      const found = await this.model.find({}).sort({ _id: 1 }).lean<MessageDocument[]>();
      return found.map(messageFromDocument);
    });
  }

  count(): Promise<number> {
    return mapErrors(() => this.model.countDocuments({}));
  }
}
