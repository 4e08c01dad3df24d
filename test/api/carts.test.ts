import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCart, createProduct, startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

const MISSING_ID = 'cccccccccccccccccccccccc';

describe.each(storeKinds())('carts API on the %s store', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  describe('POST /api/carts and GET /api/carts/:cid', () => {
    it('creates an empty cart', async () => {
      const response = await app.request.post('/api/carts').expect(201);

      expect(response.body.status).toBe('success');
      expect(response.body.payload).toEqual({
        _id: expect.stringMatching(/^[0-9a-f]{24}$/),
        products: [],
        total: 0,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const fetched = await app.request.get(`/api/carts/${response.body.payload._id}`).expect(200);
      expect(fetched.body.payload).toEqual(response.body.payload);
    });

    it('rejects a malformed id with INVALID_ID', async () => {
      const response = await app.request.get('/api/carts/not-an-id').expect(400);

      expect(response.body.error.code).toBe('INVALID_ID');
    });

    it('answers 404 CART_NOT_FOUND for an unknown cart', async () => {
      const response = await app.request.get(`/api/carts/${MISSING_ID}`).expect(404);

      expect(response.body.error.code).toBe('CART_NOT_FOUND');
    });
  });

  describe('POST /api/carts/:cid/products/:pid', () => {
    it('adds one unit by default and populates the line', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { price: 10.5 });
      const response = await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(200);

      expect(response.body.payload.products).toEqual([{ product, quantity: 1 }]);
      expect(response.body.payload.total).toBe(10.5);
    });

    it('adds to the existing line, on both route spellings', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      await app.request
        .post(`/api/carts/${cartId}/products/${product._id}`)
        .send({ quantity: 2 })
        .expect(200);
      const response = await app.request
        .post(`/api/carts/${cartId}/product/${product._id}`)
        .send({ quantity: 3 })
        .expect(200);

      expect(response.body.payload.products).toHaveLength(1);
      expect(response.body.payload.products[0].quantity).toBe(5);
    });

    it('keeps lines in the order they were first added', async () => {
      const cartId = await createCart(app);
      const first = await createProduct(app);
      const second = await createProduct(app);
      await app.request.post(`/api/carts/${cartId}/products/${first._id}`).expect(200);
      await app.request.post(`/api/carts/${cartId}/products/${second._id}`).expect(200);
      const response = await app.request.post(`/api/carts/${cartId}/products/${first._id}`).expect(200);

      const ids = response.body.payload.products.map(
        (line: { product: { _id: string } }) => line.product._id,
      );
      expect(ids).toEqual([first._id, second._id]);
    });

    it('rejects going over the stock with 409 INSUFFICIENT_STOCK', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { stock: 3 });
      await app.request
        .post(`/api/carts/${cartId}/products/${product._id}`)
        .send({ quantity: 2 })
        .expect(200);
      const response = await app.request
        .post(`/api/carts/${cartId}/products/${product._id}`)
        .send({ quantity: 2 })
        .expect(409);

      expect(response.body.error.code).toBe('INSUFFICIENT_STOCK');
      const cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
      expect(cart.body.payload.products[0].quantity).toBe(2);
    });

    it('rejects a withdrawn product with 409 PRODUCT_UNAVAILABLE', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { status: false });
      const response = await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(409);

      expect(response.body.error.code).toBe('PRODUCT_UNAVAILABLE');
    });

    it('answers 404 for an unknown cart or product', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);

      const noCart = await app.request.post(`/api/carts/${MISSING_ID}/products/${product._id}`).expect(404);
      expect(noCart.body.error.code).toBe('CART_NOT_FOUND');
      const noProduct = await app.request.post(`/api/carts/${cartId}/products/${MISSING_ID}`).expect(404);
      expect(noProduct.body.error.code).toBe('PRODUCT_NOT_FOUND');
    });

    it.each([[0], [-1], [1.5], ['dos'], [null]])(
      'rejects quantity %s with VALIDATION_ERROR',
      async (quantity) => {
        const cartId = await createCart(app);
        const product = await createProduct(app);
        const response = await app.request
          .post(`/api/carts/${cartId}/products/${product._id}`)
          .send({ quantity })
          .expect(400);

        expect(response.body.error.code).toBe('VALIDATION_ERROR');
        expect(response.body.error.details[0].path).toBe('quantity');
      },
    );

    it('rejects malformed ids with INVALID_ID', async () => {
      const response = await app.request.post(`/api/carts/xyz/products/${MISSING_ID}`).expect(400);

      expect(response.body.error.code).toBe('INVALID_ID');
    });
  });

  describe('PUT /api/carts/:cid/products/:pid', () => {
    it('sets the quantity of a line', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { stock: 10 });
      await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(200);
      const response = await app.request
        .put(`/api/carts/${cartId}/product/${product._id}`)
        .send({ quantity: 7 })
        .expect(200);

      expect(response.body.payload.products[0].quantity).toBe(7);
    });

    it('answers 404 PRODUCT_NOT_IN_CART when there is no such line', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      const response = await app.request
        .put(`/api/carts/${cartId}/products/${product._id}`)
        .send({ quantity: 1 })
        .expect(404);

      expect(response.body.error.code).toBe('PRODUCT_NOT_IN_CART');
    });

    it('rejects a quantity beyond stock with INSUFFICIENT_STOCK', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { stock: 2 });
      await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(200);
      const response = await app.request
        .put(`/api/carts/${cartId}/products/${product._id}`)
        .send({ quantity: 3 })
        .expect(409);

      expect(response.body.error.code).toBe('INSUFFICIENT_STOCK');
    });

    it('requires a quantity', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      const response = await app.request
        .put(`/api/carts/${cartId}/products/${product._id}`)
        .send({})
        .expect(400);

      expect(response.body.error.details[0].path).toBe('quantity');
    });
  });

  describe('DELETE /api/carts/:cid/products/:pid', () => {
    it('removes the line', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(200);
      const response = await app.request.delete(`/api/carts/${cartId}/products/${product._id}`).expect(200);

      expect(response.body.payload.products).toEqual([]);
      expect(response.body.payload.total).toBe(0);
    });

    it('answers 404 PRODUCT_NOT_IN_CART for an absent line', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      const response = await app.request.delete(`/api/carts/${cartId}/product/${product._id}`).expect(404);

      expect(response.body.error.code).toBe('PRODUCT_NOT_IN_CART');
    });
  });

  describe('PUT /api/carts/:cid', () => {
    it('replaces every line and merges repeated products', async () => {
      const cartId = await createCart(app);
      const old = await createProduct(app);
      const first = await createProduct(app);
      const second = await createProduct(app);
      await app.request.post(`/api/carts/${cartId}/products/${old._id}`).expect(200);

      const response = await app.request
        .put(`/api/carts/${cartId}`)
        .send([
          { product: first._id, quantity: 2 },
          { product: second._id, quantity: 1 },
          { product: first._id, quantity: 3 },
        ])
        .expect(200);

      expect(response.body.payload.products).toEqual([
        { product: first, quantity: 5 },
        { product: second, quantity: 1 },
      ]);
    });

    it('accepts the { products } form', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      const response = await app.request
        .put(`/api/carts/${cartId}`)
        .send({ products: [{ product: product._id, quantity: 4 }] })
        .expect(200);

      expect(response.body.payload.products[0].quantity).toBe(4);
    });

    it('rejects an unknown product with 404 and keeps the cart', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(200);
      const response = await app.request
        .put(`/api/carts/${cartId}`)
        .send([{ product: MISSING_ID, quantity: 1 }])
        .expect(404);

      expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
      const cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
      expect(cart.body.payload.products).toHaveLength(1);
    });

    it('rejects merged quantities beyond stock', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { stock: 4 });
      const response = await app.request
        .put(`/api/carts/${cartId}`)
        .send([
          { product: product._id, quantity: 3 },
          { product: product._id, quantity: 2 },
        ])
        .expect(409);

      expect(response.body.error.code).toBe('INSUFFICIENT_STOCK');
    });

    it('rejects malformed lines with every problem listed', async () => {
      const cartId = await createCart(app);
      const response = await app.request
        .put(`/api/carts/${cartId}`)
        .send([{ product: 'nope', quantity: 0 }, { quantity: 1 }, 'x'])
        .expect(400);

      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
      expect(paths).toEqual(expect.arrayContaining(['0.product', '0.quantity', '1.product', '2']));
    });

    it('rejects a body that is neither a list nor { products }', async () => {
      const cartId = await createCart(app);
      const response = await app.request.put(`/api/carts/${cartId}`).send({ items: [] }).expect(400);

      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('DELETE /api/carts/:cid', () => {
    it('empties the cart and keeps it', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app);
      await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(200);
      const response = await app.request.delete(`/api/carts/${cartId}`).expect(200);

      expect(response.body.payload).toMatchObject({ _id: cartId, products: [], total: 0 });
      await app.request.get(`/api/carts/${cartId}`).expect(200);
    });

    it('answers 404 for an unknown cart', async () => {
      const response = await app.request.delete(`/api/carts/${MISSING_ID}`).expect(404);

      expect(response.body.error.code).toBe('CART_NOT_FOUND');
    });
  });

  describe('totals', () => {
    it('sums 0.1, 0.2 and 19.99 to exactly 20.29', async () => {
      const cartId = await createCart(app);
      for (const price of [0.1, 0.2, 19.99]) {
        const product = await createProduct(app, { price });
        await app.request.post(`/api/carts/${cartId}/products/${product._id}`).expect(200);
      }
      const response = await app.request.get(`/api/carts/${cartId}`).expect(200);

      expect(response.body.payload.total).toBe(20.29);
      expect(response.text).toContain('"total":20.29');
    });

    it('multiplies by quantity without drift', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { price: 0.1, stock: 100 });
      const response = await app.request
        .post(`/api/carts/${cartId}/products/${product._id}`)
        .send({ quantity: 3 })
        .expect(200);

      expect(response.body.payload.total).toBe(0.3);
    });

    it('follows a price change of a product in the cart', async () => {
      const cartId = await createCart(app);
      const product = await createProduct(app, { price: 5 });
      await app.request
        .post(`/api/carts/${cartId}/products/${product._id}`)
        .send({ quantity: 2 })
        .expect(200);
      await app.request.put(`/api/products/${product._id}`).send({ price: 7.25 }).expect(200);
      const response = await app.request.get(`/api/carts/${cartId}`).expect(200);

      expect(response.body.payload.total).toBe(14.5);
    });
  });
});
