import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFsStore } from '../../src/dao/managers/filesystem/fs.store.js';
import { DurableJsonFile } from '../../src/dao/managers/filesystem/json.file.js';
import { createCart, createProduct, startOnStore } from '../helpers/app.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';

describe('file store durability', () => {
  let testStore: TestStore;

  beforeEach(async () => {
    testStore = await openTestStore('fs');
  });

  afterEach(async () => {
    await testStore.destroy();
  });

  it('finds every acknowledged write after a restart', async () => {
    const app = await startOnStore(testStore, testStore.store);
    const product = await createProduct(app, { price: 19.99 });
    const cartId = await createCart(app);
    await app.request.post(`/api/carts/${cartId}/products/${product._id}`).send({ quantity: 2 }).expect(200);
    const message = await app.request
      .post('/api/messages')
      .send({ user: 'a@b.co', message: 'hola' })
      .expect(201);
    const cart = (await app.request.get(`/api/carts/${cartId}`).expect(200)).body.payload;
    await app.close();

    const restarted = await startOnStore(testStore, await testStore.reopen());
    try {
      expect((await restarted.request.get(`/api/products/${product._id}`).expect(200)).body.payload).toEqual(
        product,
      );
      expect((await restarted.request.get(`/api/carts/${cartId}`).expect(200)).body.payload).toEqual(cart);
      expect((await restarted.request.get('/api/messages').expect(200)).body.payload).toEqual([
        message.body.payload,
      ]);
    } finally {
      await restarted.close();
    }
  });

  it('writes no temporary files that outlive a commit', async () => {
    const app = await startOnStore(testStore, testStore.store);
    await Promise.all(Array.from({ length: 20 }, () => createProduct(app)));
    await app.close();

    expect((await readdir(testStore.dataDir)).sort()).toEqual(['products.json']);
  });

  it('never reuses an id after a delete', async () => {
    const app = await startOnStore(testStore, testStore.store);
    const first = await createProduct(app);
    await app.request.delete(`/api/products/${first._id}`).expect(200);
    const second = await createProduct(app, { code: first.code });
    await app.close();

    expect(second._id).not.toBe(first._id);
    expect(second._id > first._id).toBe(true);
  });

  it('answers 503 STORE_UNAVAILABLE when the folder cannot be written', async () => {
    const app = await startOnStore(testStore, testStore.store);
    try {
      await rm(testStore.dataDir, { recursive: true, force: true });
      await writeFile(testStore.dataDir, 'not a folder');

      const response = await app.request.post('/api/carts').expect(503);
      expect(response.body.error.code).toBe('STORE_UNAVAILABLE');
    } finally {
      await rm(testStore.dataDir, { force: true });
      await app.close().catch(() => undefined);
    }
  });
});

describe('file store start-up', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-startup-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts empty on a missing folder without creating files', async () => {
    const missing = path.join(dataDir, 'nested', 'data');
    const store = await openFsStore(missing);

    expect(await store.products.count()).toBe(0);
    await store.close();
    await expect(readdir(missing)).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ['truncated', '[{"_id":"aaaaaaaaaaaaaaaaaaaaaaaa","title":"Ma'],
    ['empty', ''],
    ['not JSON', 'hola'],
    ['not an array', '{"products":[]}'],
    ['an invalid record', '[{"_id":"123"}]'],
  ])('refuses a %s products file, names it and leaves it unchanged', async (_case, content) => {
    const file = path.join(dataDir, 'products.json');
    await writeFile(file, content);

    await expect(openFsStore(dataDir)).rejects.toThrow(file);
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('group commit', () => {
  it('shares one write among commits requested together', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-commit-'));
    let writes = 0;
    const file = new DurableJsonFile(path.join(dataDir, 'items.json'), () => {
      writes += 1;
      return JSON.stringify([writes]);
    });

    await Promise.all(Array.from({ length: 100 }, () => file.commit()));

    expect(writes).toBeLessThanOrEqual(2);
    expect(JSON.parse(await readFile(path.join(dataDir, 'items.json'), 'utf8'))).toEqual([writes]);
    await rm(dataDir, { recursive: true, force: true });
  });
});
