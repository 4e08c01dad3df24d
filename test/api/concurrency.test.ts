import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCart, createProduct, productBody, startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

describe.each(storeKinds())('concurrent requests on the %s store', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  it('200 parallel adds of one product end in one line of 200', async () => {
    const cartId = await createCart(app);
    const product = await createProduct(app, { stock: 1000 });

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const response = await fetch(`${app.url}/api/carts/${cartId}/products/${product._id}`, {
          method: 'POST',
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );

    expect(statuses.every((status) => status === 200)).toBe(true);
    const cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
    expect(cart.body.payload.products).toHaveLength(1);
    expect(cart.body.payload.products[0].quantity).toBe(200);
  });

  it('parallel adds never exceed the stock', async () => {
    const cartId = await createCart(app);
    const product = await createProduct(app, { stock: 50 });

    const statuses = await Promise.all(
      Array.from({ length: 80 }, async () => {
        const response = await fetch(`${app.url}/api/carts/${cartId}/products/${product._id}`, {
          method: 'POST',
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );

    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 409)).toHaveLength(30);
    const cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
    expect(cart.body.payload.products[0].quantity).toBe(50);
  });

  it('100 parallel creates with one code give one 201 and 99 conflicts', async () => {
    const body = productBody();

    const responses = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const response = await fetch(`${app.url}/api/products`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
      }),
    );

    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const conflicts = responses.filter((response) => response.status === 409);
    expect(conflicts).toHaveLength(99);
    expect(conflicts.every((response) => response.body.error?.code === 'CODE_ALREADY_EXISTS')).toBe(true);
    const list = await app.request.get(`/api/products?q=${body.code}`).expect(200);
    expect(list.body.totalDocs).toBe(1);
  });
});
