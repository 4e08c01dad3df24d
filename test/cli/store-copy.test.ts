import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openFsStore } from '../../src/dao/managers/filesystem/fs.store.js';
import type { Store } from '../../src/dao/managers/manager.types.js';
import { openMongoStore } from '../../src/dao/managers/mongo/mongo.store.js';
import { dropDatabase, uniqueDatabaseName, withDatabase } from '../helpers/stores.js';

const run = promisify(execFile);
const mongoUrl = inject('mongoUrl');
const CLI = path.resolve('src/cli/store-copy.cli.ts');

interface CopyResult {
  code: number;
  stderr: string;
}

/** Runs the CLI from source with tsx, as `npm run store:copy` runs its build. */
async function storeCopy(args: string[], env: Record<string, string>): Promise<CopyResult> {
  try {
    const { stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

async function exportEverything(store: Store): Promise<unknown> {
  return {
    products: await store.products.exportAll(),
    carts: await store.carts.exportAll(),
    messages: await store.messages.exportAll(),
  };
}

async function fillShop(store: Store): Promise<void> {
  const shirt = await store.products.create({
    title: 'Camiseta',
    description: 'Algodón',
    code: 'COPY-1',
    price: 19.99,
    status: true,
    stock: 10,
    category: 'Ropa',
    thumbnails: ['/img/camiseta.png'],
  });
  const mug = await store.products.create({
    title: 'Taza',
    description: 'Cerámica',
    code: 'COPY-2',
    price: 0,
    status: false,
    stock: 0,
    category: 'Hogar',
    thumbnails: [],
  });
  const cart = await store.carts.create();
  await store.carts.addToLine(cart._id, shirt._id, 3, shirt.stock);
  await store.carts.replaceLines((await store.carts.create())._id, [
    { product: mug._id, quantity: 1 },
    { product: shirt._id, quantity: 2 },
  ]);
  await store.messages.create({ user: 'ana@example.com', message: 'Hola' });
  await store.messages.create({ user: 'luis@example.com', message: '¿Hay tallas?' });
}

describe.skipIf(!mongoUrl)('npm run store:copy', () => {
  let sourceDir: string;
  let returnDir: string;
  let dbName: string;
  let env: { MONGO_URL: string };

  beforeEach(async () => {
    sourceDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-copy-from-'));
    returnDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-copy-back-'));
    dbName = uniqueDatabaseName();
    env = { MONGO_URL: withDatabase(mongoUrl as string, dbName) };
  });

  afterEach(async () => {
    await rm(sourceDir, { recursive: true, force: true });
    await rm(returnDir, { recursive: true, force: true });
    await dropDatabase(mongoUrl as string, dbName);
  });

  it('round-trips fs → mongo → fs unchanged', { timeout: 60_000 }, async () => {
    const source = await openFsStore(sourceDir);
    await fillShop(source);
    const original = await exportEverything(source);
    await source.close();

    const toMongo = await storeCopy(['--from', 'fs', '--to', 'mongo'], { ...env, DATA_DIR: sourceDir });
    expect(toMongo).toEqual({ code: 0, stderr: '' });
    const mongo = await openMongoStore({ url: env.MONGO_URL, logger: pino({ level: 'silent' }) });
    expect(await exportEverything(mongo)).toEqual(original);
    await mongo.close();

    const back = await storeCopy(['--from', 'mongo', '--to', 'fs'], { ...env, DATA_DIR: returnDir });
    expect(back).toEqual({ code: 0, stderr: '' });
    const returned = await openFsStore(returnDir);
    expect(await exportEverything(returned)).toEqual(original);
    await returned.close();
  });

  it('rejects a non-empty target unless --replace is given', { timeout: 60_000 }, async () => {
    const source = await openFsStore(sourceDir);
    await fillShop(source);
    await source.close();
    expect((await storeCopy(['--from', 'fs', '--to', 'mongo'], { ...env, DATA_DIR: sourceDir })).code).toBe(
      0,
    );

    const rejected = await storeCopy(['--from', 'fs', '--to', 'mongo'], { ...env, DATA_DIR: sourceDir });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('The mongo store is not empty (2 products, 2 carts, 2 messages)');
    expect(rejected.stderr).toContain('--replace');

    const replaced = await storeCopy(['--from', 'fs', '--to', 'mongo', '--replace'], {
      ...env,
      DATA_DIR: sourceDir,
    });
    expect(replaced.code).toBe(0);
    const mongo = await openMongoStore({ url: env.MONGO_URL, logger: pino({ level: 'silent' }) });
    expect(await mongo.products.count()).toBe(2);
    await mongo.close();
  });

  it('rejects a copy from a store into itself', async () => {
    const result = await storeCopy(['--from', 'fs', '--to', 'fs'], { ...env, DATA_DIR: sourceDir });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--from and --to are both fs');
    expect(result.stderr).toContain('Usage: npm run store:copy');
  });
});
