import mongoose from 'mongoose';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connectMongo, databaseInUrl, redactMongoUrl } from '../../src/config/mongoose.js';
import { toDomainError, toObjectId } from '../../src/dao/managers/mongo/mongo.errors.js';
import { AppError, StoreUnavailableError } from '../../src/errors/app.error.js';
import { freePort } from '../helpers/ferretdb.js';
import { openTestStore } from '../helpers/stores.js';

describe('mongo error mapping', () => {
  it('maps a duplicate key to CODE_ALREADY_EXISTS with the code', () => {
    const duplicate = new mongoose.mongo.MongoServerError({ message: 'E11000 duplicate key', code: 11000 });

    expect(toDomainError(duplicate, { code: 'X-1' })).toMatchObject({
      code: 'CODE_ALREADY_EXISTS',
      status: 409,
      params: { code: 'X-1' },
    });
  });

  it('maps a cast error to INVALID_ID', () => {
    const cast = new mongoose.Error.CastError('ObjectId', 'abc', '_id');

    expect(toDomainError(cast)).toMatchObject({ code: 'INVALID_ID', status: 400, params: { id: 'abc' } });
  });

  it('maps network and server selection errors to STORE_UNAVAILABLE', () => {
    const network = new mongoose.mongo.MongoNetworkError('connection reset');
    const notConnected = new mongoose.mongo.MongoNotConnectedError('not connected');

    expect(toDomainError(network)).toBeInstanceOf(StoreUnavailableError);
    expect(toDomainError(notConnected)).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503 });
  });

  it('leaves other errors unchanged', () => {
    const bug = new TypeError('boom');

    expect(toDomainError(bug)).toBe(bug);
  });

  it('toObjectId › rejects anything but 24 lowercase hex digits', () => {
    expect(toObjectId('5f0000000000000000000001').toHexString()).toBe('5f0000000000000000000001');
    for (const id of ['abc', '5F0000000000000000000001', '5f000000000000000000000g']) {
      expect(() => toObjectId(id)).toThrow(AppError);
    }
  });
});

describe('mongo connection settings', () => {
  it('redacts credentials from a URL', () => {
    expect(redactMongoUrl('mongodb+srv://shop:s3cret@cluster0.example.net/ecommerce?retryWrites=true')).toBe(
      'mongodb+srv://***:***@cluster0.example.net/ecommerce?retryWrites=true',
    );
    expect(redactMongoUrl('mongodb://127.0.0.1:27017/ecommerce')).toBe('mongodb://127.0.0.1:27017/ecommerce');
  });

  it('reads the database from the URL path', () => {
    expect(databaseInUrl('mongodb://127.0.0.1:27017/tienda?directConnection=true')).toBe('tienda');
    expect(databaseInUrl('mongodb://a:1,b:2/?replicaSet=rs0')).toBeUndefined();
    expect(databaseInUrl('mongodb+srv://cluster0.example.net')).toBeUndefined();
  });

  it('connectMongo › gives up after the start-up timeout', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const started = Date.now();

    await expect(
      connectMongo({ url: `mongodb://127.0.0.1:${port}/shop`, logger, startupTimeoutMs: 4_000 }),
    ).rejects.toThrow(`Could not connect to MongoDB at mongodb://127.0.0.1:${port}/shop after`);

    expect(Date.now() - started).toBeLessThan(10_000);
    const retries = lines.filter((line) => line.includes('MongoDB connection failed; retrying'));
    expect(retries.length).toBeGreaterThanOrEqual(1);
  });
});

describe.skipIf(!inject('mongoUrl'))('mongo store specifics', () => {
  it('rejects a malformed id with INVALID_ID', async () => {
    const testStore = await openTestStore('mongo');
    try {
      await expect(testStore.store.products.getById('not-an-id')).rejects.toMatchObject({
        code: 'INVALID_ID',
      });
      await expect(testStore.store.carts.addToLine('x', 'y', 1, 1)).rejects.toMatchObject({
        code: 'INVALID_ID',
      });
    } finally {
      await testStore.destroy();
    }
  });

  it('stores documents without __v and with Date timestamps', async () => {
    const testStore = await openTestStore('mongo');
    const connection = await mongoose
      .createConnection(inject('mongoUrl') as string, { dbName: testStore.dataDir })
      .asPromise();
    try {
      const message = await testStore.store.messages.create({ user: 'a@b.co', message: 'hola' });
      const raw = await connection.db?.collection('messages').findOne({});

      expect(raw).not.toHaveProperty('__v');
      expect(raw?.createdAt).toBeInstanceOf(Date);
      expect(raw?._id.toHexString()).toBe(message._id);
    } finally {
      await connection.close();
      await testStore.destroy();
    }
  });
});
