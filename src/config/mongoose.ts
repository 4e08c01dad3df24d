import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection, type ConnectOptions } from 'mongoose';
import type { Logger } from './logger.js';

/*
 * Filters built from request values can never smuggle in a query operator: sanitizeFilter wraps any
 * object with `$` keys in `$eq`, so the managers mark their own operators with `mongoose.trusted()`.
 * strictQuery drops filter paths that the schema does not declare.
 */
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export const DEFAULT_DATABASE = 'ecommerce';

/**
 * Driver settings shared by the app, the CLI and the tests. Server selection gives up after 2.5 s, so
 * every query fails well within 5 s while the database is unreachable, and bufferCommands is off so
 * Mongoose never queues a query waiting for a connection.
 */
const CONNECTION_OPTIONS: ConnectOptions = {
  serverSelectionTimeoutMS: 2_500,
  connectTimeoutMS: 2_500,
  socketTimeoutMS: 30_000,
  maxPoolSize: 20,
  minPoolSize: 0,
  bufferCommands: false,
  autoIndex: false,
  autoCreate: false,
};

export interface MongoConnectOptions {
  url: string;
  logger: Logger;
  /** Database to use when the URL names none; a test passes its own to get an isolated database. */
  dbName?: string;
  /** How long start-up keeps retrying before it gives up, in milliseconds. */
  startupTimeoutMs?: number;
}

const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
const FIRST_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 5_000;

/** Replaces the user name and password of a MongoDB URL, so the URL can be logged. */
export function redactMongoUrl(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***:***@');
}

/** Returns the database named in the URL path, or undefined when the path is empty. */
export function databaseInUrl(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(url);
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return name === '' ? undefined : name;
}

/**
 * Opens a dedicated connection (never the global default one, because the tests open several stores in
 * one process). Retries with exponential backoff until `startupTimeoutMs` has passed, logging every
 * failed attempt, then throws an error naming the redacted URL and the last driver error.
 */
export async function connectMongo(options: MongoConnectOptions): Promise<Connection> {
  const dbName = options.dbName ?? databaseInUrl(options.url) ?? DEFAULT_DATABASE;
  const safeUrl = redactMongoUrl(options.url);
  const deadline = Date.now() + (options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS);

  let delay = FIRST_RETRY_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    const connection = mongoose.createConnection(options.url, { ...CONNECTION_OPTIONS, dbName });
    try {
      await connection.asPromise();
      options.logger.info({ url: safeUrl, dbName, attempt }, 'connected to MongoDB');
      return connection;
    } catch (error) {
      await connection.close(true).catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      if (Date.now() + delay > deadline) {
        throw new Error(
          `Could not connect to MongoDB at ${safeUrl} after ${attempt} attempts: ${reason}. ` +
            'Check that the server is running and that MONGO_URL is correct.',
          { cause: error },
        );
      }
      options.logger.warn(
        { url: safeUrl, attempt, retryInMs: delay, err: reason },
        'MongoDB connection failed; retrying',
      );
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }
}
