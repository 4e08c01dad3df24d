import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { inject } from 'vitest';
import { openFsStore } from '../../src/dao/managers/filesystem/fs.store.js';
import type { Store, StoreKind } from '../../src/dao/managers/manager.types.js';
import { openMongoStore } from '../../src/dao/managers/mongo/mongo.store.js';

/** Lists the stores the suites run against: `fs` always, `mongo` when a server is available. */
export function storeKinds(): StoreKind[] {
  return inject('mongoUrl') ? ['fs', 'mongo'] : ['fs'];
}

export interface TestStore {
  store: Store;
  /** Opens a second store on the same data, as a restarted process would. Close the first one before. */
  reopen(): Promise<Store>;
  /** Closes the store and deletes its data. */
  destroy(): Promise<void>;
  /** The data folder of an `fs` store, or the database name of a `mongo` store. */
  dataDir: string;
}

/** Returns `url` with its database path replaced by `dbName`, keeping any query string. */
export function withDatabase(url: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`Not a MongoDB URL: ${url}`);
  return `${match[1]}/${dbName}${match[2] ?? ''}`;
}

/** Returns a database name that no other test uses. */
export function uniqueDatabaseName(): string {
  return `tienda_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Drops a test database through a short-lived connection of its own. */
export async function dropDatabase(url: string, dbName: string): Promise<void> {
  const connection = await mongoose
    .createConnection(url, { dbName, serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

/** Opens an empty store of the given kind on its own temporary data (folder or database). */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'mongo') return openMongoTestStore();

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-test-'));
  const opened: Store[] = [await openFsStore(dataDir)];
  return {
    store: opened[0] as Store,
    dataDir,
    async reopen() {
      const store = await openFsStore(dataDir);
      opened.push(store);
      return store;
    },
    async destroy() {
      await Promise.all(opened.map((store) => store.close()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openMongoTestStore(): Promise<TestStore> {
  const url = inject('mongoUrl');
  if (!url)
    throw new Error('No MongoDB server for the mongo store: run the mongo suites through storeKinds().');

  const dbName = uniqueDatabaseName();
  const open = (): Promise<Store> =>
    openMongoStore({ url, dbName, logger: pino({ level: 'silent' }), startupTimeoutMs: 5_000 });
  const opened: Store[] = [await open()];
  return {
    store: opened[0] as Store,
    dataDir: dbName,
    async reopen() {
      const store = await open();
      opened.push(store);
      return store;
    },
    async destroy() {
      await Promise.all(opened.map((store) => store.close()));
      await dropDatabase(url, dbName);
    },
  };
}
