import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCart, createProduct, productBody, startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

describe.each(storeKinds())('operator and prototype injection on the %s store', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
    await createProduct(app, { category: 'Ropa', title: 'Remera' });
    await createProduct(app, { category: 'Hogar', title: 'Taza' });
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  it.each(['category[$ne]=x', 'q[$regex]=.*', 'status[$exists]=true', 'page[$gt]=0', 'category.$ne=x'])(
    'rejects the operator query %s',
    async (query) => {
      const response = await app.request.get(`/api/products?${query}`);

      if (query === 'category.$ne=x') {
        expect(response.status).toBe(200);
        expect(response.body.totalDocs).toBe(2);
        return;
      }
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('INVALID_QUERY');
    },
  );

  it('takes a category that looks like an operator literally', async () => {
    const response = await app.request
      .get(`/api/products?category=${encodeURIComponent('{"$ne":"x"}')}`)
      .expect(200);

    expect(response.body.totalDocs).toBe(0);
  });

  it.each(['.*', '(a+)+$', '^', '[', '\\', '$where'])('matches q=%s literally', async (q) => {
    const response = await app.request.get(`/api/products?q=${encodeURIComponent(q)}`).expect(200);

    expect(response.body.totalDocs).toBe(0);
  });

  it('answers a catastrophic-backtracking pattern quickly', async () => {
    await createProduct(app, { description: `${'a'.repeat(4000)}!` });
    const started = Date.now();

    await app.request.get(`/api/products?q=${encodeURIComponent('(a+)+$')}`).expect(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['$gt in a value', { title: { $gt: '' } }, 'title'],
    ['$where in a value', { description: { $where: 'sleep(100)' } }, 'description'],
    ['an operator key', { $set: { price: 0 } }, '$set'],
    ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}'), '__proto__'],
    ['a constructor key', { constructor: { prototype: { polluted: true } } }, 'constructor'],
  ])('rejects a product body with %s', async (_case, extra, path) => {
    const response = await app.request
      .post('/api/products')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...productBody(), ...extra }))
      .expect(400);

    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects operator values in cart lines and message bodies', async () => {
    const cartId = await createCart(app);
    const cart = await app.request
      .put(`/api/carts/${cartId}`)
      .send([{ product: { $gt: '' }, quantity: 1 }])
      .expect(400);
    expect(cart.body.error.code).toBe('VALIDATION_ERROR');

    const message = await app.request
      .post('/api/messages')
      .send({ user: { $ne: null }, message: 'hola' })
      .expect(400);
    expect(message.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('leaves the catalogue unchanged after the attempts', async () => {
    const response = await app.request.get('/api/products?limit=100').expect(200);

    expect(response.body.payload.every((product: { price: number }) => product.price === 100)).toBe(true);
  });
});
