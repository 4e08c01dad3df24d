import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface MessageDocument {
  _id: Types.ObjectId;
  user: string;
  message: string;
  createdAt: Date;
}

/*
 * Messages are paged newest first by `_id` (`_id < before`, sorted `_id` descending), which the
 * built-in `_id` index serves in reverse, so no second index is declared. Messages never change, so
 * they carry `createdAt` only.
 */
const messageSchema = new Schema<MessageDocument>(
  {
    user: { type: String, required: true },
    message: { type: String, required: true },
  },
  { collection: 'messages', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export function messageModel(connection: Connection): Model<MessageDocument> {
  return (
    (connection.models.Message as Model<MessageDocument> | undefined) ??
    connection.model<MessageDocument>('Message', messageSchema)
  );
}
