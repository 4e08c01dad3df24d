import mongoose from 'mongoose';
import { AppError, ConflictError, StoreUnavailableError } from '../../../errors/app.error.js';
import { isObjectId } from '../../../utils/object-id.js';

const { mongo } = mongoose;

const DUPLICATE_KEY = 11000;

/** Driver errors that mean the server cannot be reached, as opposed to a rejected command. */
function isUnreachable(error: unknown): boolean {
  return (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongoose.Error.MongooseServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    error instanceof mongo.MongoClientClosedError ||
    error instanceof mongo.MongoServerClosedError
  );
}

function isDuplicateKey(error: unknown): boolean {
  return (
    (error instanceof mongo.MongoServerError || error instanceof mongo.MongoBulkWriteError) &&
    error.code === DUPLICATE_KEY
  );
}

export interface ErrorContext {
  /** The product code being written, reported by CODE_ALREADY_EXISTS on a duplicate key. */
  code?: string;
}

/**
 * Maps a driver or Mongoose error to the domain error the file store throws in the same situation.
 * Anything else is returned unchanged and becomes a 500 whose message never reaches the client.
 */
export function toDomainError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof AppError) return error;
  if (isUnreachable(error)) return new StoreUnavailableError(error);
  if (isDuplicateKey(error) && context.code !== undefined) {
    return new ConflictError('CODE_ALREADY_EXISTS', { params: { code: context.code }, cause: error });
  }
  if (error instanceof mongoose.Error.CastError) {
    return new AppError('INVALID_ID', { params: { id: String(error.value).slice(0, 100) }, cause: error });
  }
  return error;
}

/** Runs one store operation and rethrows its failure as a domain error. */
export async function mapErrors<T>(operation: () => Promise<T>, context: ErrorContext = {}): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toDomainError(error, context);
  }
}

/** Converts a 24-hex id to an ObjectId; throws INVALID_ID for anything else, as the API edge does. */
export function toObjectId(id: string): mongoose.Types.ObjectId {
  if (!isObjectId(id)) throw new AppError('INVALID_ID', { params: { id: String(id).slice(0, 100) } });
  return new mongoose.Types.ObjectId(id);
}
