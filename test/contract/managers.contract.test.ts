import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product, ProductInput, ProductQuery, Store } from '../../src/dao/managers/manager.types.js';
import { newObjectId } from '../../src/utils/object-id.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;

let sequence = 0;

function productInput(overrides: Partial<ProductInput> = {}): ProductInput {
  sequence += 1;
  return {
    title: `Camiseta ${sequence}`,
    description: 'Algodón orgánico',
    code: `CONTRACT-${sequence}`,
    price: 10,
    status: true,
    stock: 5,
    category: 'Ropa',
    thumbnails: [],
    ...overrides,
  };
}

function query(overrides: Partial<ProductQuery> = {}): ProductQuery {
  return { limit: 100, page: 1, ...overrides };
}

const ids = (products: readonly Pick<Product, '_id'>[]): string[] => products.map((product) => product._id);

describe.each(storeKinds())('%s store managers', (kind) => {
  let testStore: TestStore;
  let store: Store;

  beforeEach(async () => {
    testStore = await openTestStore(kind);
    store = testStore.store;
  });

  afterEach(async () => {
    await testStore.destroy();
  });

  describe('products', () => {
    it('create › returns the product in contract key order', async () => {
      const input = productInput({ thumbnails: ['/img/a.png'] });
      const product = await store.products.create(input);

      expect(Object.keys(product)).toEqual([
        '_id',
        'title',
        'description',
        'code',
        'price',
        'status',
        'stock',
        'category',
        'thumbnails',
        'createdAt',
        'updatedAt',
      ]);
      expect(product).toMatchObject(input);
      expect(product._id).toMatch(OBJECT_ID);
      expect(product.createdAt).toMatch(ISO_DATE);
      expect(product.updatedAt).toBe(product.createdAt);
      expect(await store.products.getById(product._id)).toEqual(product);
    });

    it('create › rejects a duplicate code with CODE_ALREADY_EXISTS', async () => {
      await store.products.create(productInput({ code: 'DUP-1' }));

      await expect(store.products.create(productInput({ code: 'DUP-1' }))).rejects.toMatchObject({
        code: 'CODE_ALREADY_EXISTS',
        status: 409,
        params: { code: 'DUP-1' },
      });
      expect(await store.products.count()).toBe(1);
    });

    it('getById › returns null for an unknown id', async () => {
      expect(await store.products.getById(newObjectId())).toBeNull();
    });

    it('getByIds › returns the existing products once each', async () => {
      const a = await store.products.create(productInput());
      const b = await store.products.create(productInput());

      const found = await store.products.getByIds([b._id, newObjectId(), a._id, b._id]);

      expect(ids(found).sort()).toEqual([a._id, b._id].sort());
      expect(await store.products.getByIds([])).toEqual([]);
    });

    it('list › pages in _id order and counts every match', async () => {
      const created: Product[] = [];
      for (let i = 0; i < 5; i++) created.push(await store.products.create(productInput()));

      const first = await store.products.list(query({ limit: 2, page: 1 }));
      const last = await store.products.list(query({ limit: 2, page: 3 }));
      const beyond = await store.products.list(query({ limit: 2, page: 4 }));

      expect(first.totalDocs).toBe(5);
      expect(ids(first.docs)).toEqual(ids(created.slice(0, 2)));
      expect(ids(last.docs)).toEqual(ids(created.slice(4)));
      expect(beyond).toEqual({ docs: [], totalDocs: 5 });
    });

    it('list › sorts by price and breaks ties by _id ascending', async () => {
      const cheapA = await store.products.create(productInput({ price: 5 }));
      const dear = await store.products.create(productInput({ price: 20.5 }));
      const cheapB = await store.products.create(productInput({ price: 5 }));
      const middle = await store.products.create(productInput({ price: 7.25 }));

      const ascending = await store.products.list(query({ sort: 'asc' }));
      const descending = await store.products.list(query({ sort: 'desc' }));

      expect(ids(ascending.docs)).toEqual(ids([cheapA, cheapB, middle, dear]));
      expect(ids(descending.docs)).toEqual(ids([dear, middle, cheapA, cheapB]));
    });

    it('list › matches the category exactly, ignoring case', async () => {
      const upper = await store.products.create(productInput({ category: 'ROPA' }));
      const lower = await store.products.create(productInput({ category: 'ropa' }));
      await store.products.create(productInput({ category: 'ropa interior' }));
      const accented = await store.products.create(productInput({ category: 'Electrónica' }));

      expect(ids((await store.products.list(query({ category: 'ropa' }))).docs)).toEqual(ids([upper, lower]));
      expect(ids((await store.products.list(query({ category: 'electrónica' }))).docs)).toEqual(
        ids([accented]),
      );
    });

    it('list › matches q as a literal substring', async () => {
      const byTitle = await store.products.create(productInput({ title: 'Taza (edición 2.0)' }));
      const byDescription = await store.products.create(
        productInput({ description: 'Incluye TAZA (EDICIÓN 2.0)' }),
      );
      const byCode = await store.products.create(productInput({ code: 'a.b*c' }));
      await store.products.create(productInput({ title: 'Taza edición 200' }));

      expect(ids((await store.products.list(query({ q: 'taza (edición 2.0)' }))).docs)).toEqual(
        ids([byTitle, byDescription]),
      );
      expect(ids((await store.products.list(query({ q: 'A.B*' }))).docs)).toEqual(ids([byCode]));
      expect((await store.products.list(query({ q: '.*' }))).totalDocs).toBe(0);
    });

    it('list › filters by status and availability', async () => {
      const onSale = await store.products.create(productInput({ status: true, stock: 3 }));
      const soldOut = await store.products.create(productInput({ status: true, stock: 0 }));
      const withdrawn = await store.products.create(productInput({ status: false, stock: 9 }));

      expect(ids((await store.products.list(query({ status: false }))).docs)).toEqual(ids([withdrawn]));
      expect(ids((await store.products.list(query({ available: true }))).docs)).toEqual(ids([onSale]));
      expect(ids((await store.products.list(query({ available: false }))).docs)).toEqual(
        ids([soldOut, withdrawn]),
      );
      expect(ids((await store.products.list(query({ status: true, available: false }))).docs)).toEqual(
        ids([soldOut]),
      );
    });

    it('listCategories › returns the oldest spellings, sorted', async () => {
      await store.products.create(productInput({ category: 'ropa' }));
      await store.products.create(productInput({ category: 'Calzado' }));
      await store.products.create(productInput({ category: 'ROPA' }));
      await store.products.create(productInput({ category: 'Árboles' }));

      expect(await store.products.listCategories()).toEqual(['Árboles', 'Calzado', 'ropa']);
    });

    it('update › changes the given fields and refreshes updatedAt', async () => {
      const product = await store.products.create(productInput({ category: 'Ropa' }));
      await new Promise((resolve) => setTimeout(resolve, 5));

      const updated = await store.products.update(product._id, {
        price: 0,
        status: false,
        category: 'Hogar',
      });

      expect(updated).toEqual({
        ...product,
        price: 0,
        status: false,
        category: 'Hogar',
        updatedAt: updated.updatedAt,
      });
      expect(updated.updatedAt > product.updatedAt).toBe(true);
      expect(ids((await store.products.list(query({ category: 'hogar' }))).docs)).toEqual([product._id]);
      expect((await store.products.list(query({ category: 'ropa' }))).totalDocs).toBe(0);
    });

    it('update › rejects a code of another product', async () => {
      const product = await store.products.create(productInput({ code: 'OWN' }));
      await store.products.create(productInput({ code: 'TAKEN' }));

      expect((await store.products.update(product._id, { code: 'OWN' })).code).toBe('OWN');
      await expect(store.products.update(product._id, { code: 'TAKEN' })).rejects.toMatchObject({
        code: 'CODE_ALREADY_EXISTS',
        params: { code: 'TAKEN' },
      });
      expect((await store.products.getById(product._id))?.code).toBe('OWN');
    });

    it('update › rejects an unknown id with PRODUCT_NOT_FOUND', async () => {
      const id = newObjectId();
      await expect(store.products.update(id, { price: 1 })).rejects.toMatchObject({
        code: 'PRODUCT_NOT_FOUND',
        status: 404,
        params: { id },
      });
    });

    it('delete › returns the deleted product and frees its code', async () => {
      const product = await store.products.create(productInput({ code: 'GONE' }));

      expect(await store.products.delete(product._id)).toEqual(product);
      expect(await store.products.getById(product._id)).toBeNull();
      await expect(store.products.create(productInput({ code: 'GONE' }))).resolves.toMatchObject({
        code: 'GONE',
      });
    });

    it('delete › rejects an unknown id with PRODUCT_NOT_FOUND', async () => {
      await expect(store.products.delete(newObjectId())).rejects.toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    });

    it('clear › removes every product', async () => {
      await store.products.create(productInput());
      await store.products.create(productInput());
      expect(await store.products.count()).toBe(2);

      await store.products.clear();

      expect(await store.products.count()).toBe(0);
      expect(await store.products.exportAll()).toEqual([]);
    });

    it('importMany › keeps ids and timestamps', async () => {
      const older: Product = {
        ...productInput(),
        _id: '5f0000000000000000000001',
        createdAt: '2020-07-01T10:00:00.123Z',
        updatedAt: '2021-01-02T03:04:05.678Z',
      };
      const newer: Product = { ...older, ...productInput(), _id: '5f0000000000000000000002' };

      await store.products.importMany([newer, older]);

      expect(await store.products.exportAll()).toEqual([older, newer]);
      expect((await store.products.list(query({ category: 'ropa' }))).totalDocs).toBe(2);
    });

    it('importMany › rejects a taken code and inserts nothing', async () => {
      const existing = await store.products.create(productInput({ code: 'KEEP' }));
      const clash: Product = { ...existing, _id: newObjectId(), title: 'otro' };
      const fresh: Product = { ...existing, ...productInput(), _id: newObjectId() };

      await expect(store.products.importMany([fresh, clash])).rejects.toMatchObject({
        code: 'CODE_ALREADY_EXISTS',
        params: { code: 'KEEP' },
      });
      expect(await store.products.count()).toBe(1);
    });
  });

  describe('carts', () => {
    it('create › returns an empty cart with timestamps', async () => {
      const cart = await store.carts.create();

      expect(Object.keys(cart)).toEqual(['_id', 'products', 'createdAt', 'updatedAt']);
      expect(cart._id).toMatch(OBJECT_ID);
      expect(cart.products).toEqual([]);
      expect(cart.createdAt).toMatch(ISO_DATE);
      expect(await store.carts.getById(cart._id)).toEqual(cart);
    });

    it('getById › returns null for an unknown id', async () => {
      expect(await store.carts.getById(newObjectId())).toBeNull();
    });

    it('addToLine › creates lines in order and adds to an existing one', async () => {
      const cart = await store.carts.create();
      const [a, b] = [newObjectId(), newObjectId()];

      await store.carts.addToLine(cart._id, a, 2, 10);
      await store.carts.addToLine(cart._id, b, 1, 10);
      const updated = await store.carts.addToLine(cart._id, a, 3, 10);

      expect(updated.products).toEqual([
        { product: a, quantity: 5 },
        { product: b, quantity: 1 },
      ]);
      expect(Object.keys(updated.products[0] ?? {})).toEqual(['product', 'quantity']);
      expect(await store.carts.getById(cart._id)).toEqual(updated);
    });

    it('addToLine › accepts a line that reaches the stock exactly', async () => {
      const cart = await store.carts.create();
      const product = newObjectId();

      await store.carts.addToLine(cart._id, product, 4, 5);
      const updated = await store.carts.addToLine(cart._id, product, 1, 5);

      expect(updated.products).toEqual([{ product, quantity: 5 }]);
    });

    it('addToLine › rejects a quantity beyond stock with INSUFFICIENT_STOCK', async () => {
      const cart = await store.carts.create();
      const product = newObjectId();
      await store.carts.addToLine(cart._id, product, 3, 5);

      await expect(store.carts.addToLine(cart._id, product, 3, 5)).rejects.toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        status: 409,
        params: { id: product, stock: 5, requested: 6 },
      });
      await expect(store.carts.addToLine(cart._id, newObjectId(), 2, 1)).rejects.toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        params: { stock: 1, requested: 2 },
      });
      expect((await store.carts.getById(cart._id))?.products).toEqual([{ product, quantity: 3 }]);
    });

    it('addToLine › rejects an unknown cart with CART_NOT_FOUND', async () => {
      const id = newObjectId();
      await expect(store.carts.addToLine(id, newObjectId(), 1, 10)).rejects.toMatchObject({
        code: 'CART_NOT_FOUND',
        status: 404,
        params: { id },
      });
    });

    it('setLineQuantity › sets the quantity of an existing line', async () => {
      const cart = await store.carts.create();
      const [a, b] = [newObjectId(), newObjectId()];
      await store.carts.addToLine(cart._id, a, 1, 10);
      await store.carts.addToLine(cart._id, b, 1, 10);

      const updated = await store.carts.setLineQuantity(cart._id, b, 7);

      expect(updated.products).toEqual([
        { product: a, quantity: 1 },
        { product: b, quantity: 7 },
      ]);
    });

    it('setLineQuantity › rejects a missing line or cart', async () => {
      const cart = await store.carts.create();
      const product = newObjectId();

      await expect(store.carts.setLineQuantity(cart._id, product, 2)).rejects.toMatchObject({
        code: 'PRODUCT_NOT_IN_CART',
        params: { cartId: cart._id, productId: product },
      });
      await expect(store.carts.setLineQuantity(newObjectId(), product, 2)).rejects.toMatchObject({
        code: 'CART_NOT_FOUND',
      });
    });

    it('removeLine › removes only that line', async () => {
      const cart = await store.carts.create();
      const [a, b, c] = [newObjectId(), newObjectId(), newObjectId()];
      for (const product of [a, b, c]) await store.carts.addToLine(cart._id, product, 2, 10);

      const updated = await store.carts.removeLine(cart._id, b);

      expect(updated.products).toEqual([
        { product: a, quantity: 2 },
        { product: c, quantity: 2 },
      ]);
    });

    it('removeLine › rejects a missing line or cart', async () => {
      const cart = await store.carts.create();

      await expect(store.carts.removeLine(cart._id, newObjectId())).rejects.toMatchObject({
        code: 'PRODUCT_NOT_IN_CART',
      });
      await expect(store.carts.removeLine(newObjectId(), newObjectId())).rejects.toMatchObject({
        code: 'CART_NOT_FOUND',
      });
    });

    it('replaceLines › replaces every line and can empty the cart', async () => {
      const cart = await store.carts.create();
      await store.carts.addToLine(cart._id, newObjectId(), 1, 10);
      const lines = [
        { product: newObjectId(), quantity: 4 },
        { product: newObjectId(), quantity: 1 },
      ];

      expect((await store.carts.replaceLines(cart._id, lines)).products).toEqual(lines);
      expect((await store.carts.replaceLines(cart._id, [])).products).toEqual([]);
    });

    it('replaceLines › rejects an unknown cart with CART_NOT_FOUND', async () => {
      await expect(store.carts.replaceLines(newObjectId(), [])).rejects.toMatchObject({
        code: 'CART_NOT_FOUND',
      });
    });

    it('removeProductEverywhere › empties that product from carts', async () => {
      const [first, second, untouched] = [
        await store.carts.create(),
        await store.carts.create(),
        await store.carts.create(),
      ];
      const [gone, kept] = [newObjectId(), newObjectId()];
      await store.carts.addToLine(first._id, kept, 1, 10);
      await store.carts.addToLine(first._id, gone, 2, 10);
      await store.carts.addToLine(second._id, gone, 3, 10);
      await store.carts.addToLine(untouched._id, kept, 4, 10);

      await store.carts.removeProductEverywhere(gone);

      expect((await store.carts.getById(first._id))?.products).toEqual([{ product: kept, quantity: 1 }]);
      expect((await store.carts.getById(second._id))?.products).toEqual([]);
      expect((await store.carts.getById(untouched._id))?.products).toEqual([{ product: kept, quantity: 4 }]);
    });

    it('importMany and clear › round-trip carts', async () => {
      const cart = {
        _id: '5f00000000000000000000aa',
        products: [{ product: '5f0000000000000000000001', quantity: 2 }],
        createdAt: '2020-07-01T10:00:00.000Z',
        updatedAt: '2020-07-02T10:00:00.500Z',
      };

      await store.carts.importMany([cart]);
      expect(await store.carts.exportAll()).toEqual([cart]);
      expect(await store.carts.count()).toBe(1);

      await store.carts.clear();
      expect(await store.carts.count()).toBe(0);
    });
  });

  describe('messages', () => {
    it('create › returns the message with keys in contract order', async () => {
      const message = await store.messages.create({ user: 'ana@example.com', message: 'Hola' });

      expect(Object.keys(message)).toEqual(['_id', 'user', 'message', 'createdAt']);
      expect(message).toMatchObject({ user: 'ana@example.com', message: 'Hola' });
      expect(message.createdAt).toMatch(ISO_DATE);
    });

    it('listBefore › pages back from the newest', async () => {
      const sent = [];
      for (let i = 0; i < 5; i++)
        sent.push(await store.messages.create({ user: 'a@b.co', message: `m${i}` }));

      const newest = await store.messages.listBefore(2);
      const middle = await store.messages.listBefore(2, newest.nextBefore ?? undefined);
      const oldest = await store.messages.listBefore(2, middle.nextBefore ?? undefined);

      expect(newest).toEqual({ docs: sent.slice(3), nextBefore: sent[3]?._id });
      expect(middle).toEqual({ docs: sent.slice(1, 3), nextBefore: sent[1]?._id });
      expect(oldest).toEqual({ docs: sent.slice(0, 1), nextBefore: null });
      expect(await store.messages.listBefore(5)).toEqual({ docs: sent, nextBefore: null });
    });

    it('listBefore › returns an empty page when nothing is older', async () => {
      const first = await store.messages.create({ user: 'a@b.co', message: 'primero' });

      expect(await store.messages.listBefore(10, first._id)).toEqual({ docs: [], nextBefore: null });
    });

    it('importMany and clear › round-trip messages', async () => {
      const messages = [
        {
          _id: '5f0000000000000000000010',
          user: 'a@b.co',
          message: 'uno',
          createdAt: '2020-01-01T00:00:00.001Z',
        },
        {
          _id: '5f0000000000000000000011',
          user: 'c@d.co',
          message: 'dos',
          createdAt: '2020-01-01T00:00:01.002Z',
        },
      ];

      await store.messages.importMany([messages[1], messages[0]] as typeof messages);
      expect(await store.messages.exportAll()).toEqual(messages);
      expect(await store.messages.count()).toBe(2);

      await store.messages.clear();
      expect(await store.messages.count()).toBe(0);
    });
  });

  describe('store', () => {
    it('ping › resolves while the backend answers', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reopen › sees what the first store wrote', async () => {
      const product = await store.products.create(productInput());
      const cart = await store.carts.addToLine((await store.carts.create())._id, product._id, 2, 5);
      await store.close();

      const reopened = await testStore.reopen();

      expect(await reopened.products.getById(product._id)).toEqual(product);
      expect(await reopened.carts.getById(cart._id)).toEqual(cart);
    });
  });
});
