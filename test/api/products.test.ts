import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, productBody, startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

describe.each(storeKinds())('products API on the %s store', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  describe('POST /api/products', () => {
    it('creates a product with defaults and server-set fields', async () => {
      const body = productBody({ price: 12.5 });
      const { status, thumbnails, ...required } = body;
      const response = await app.request.post('/api/products').send(required).expect(201);

      expect(status).toBe(true);
      expect(thumbnails).toEqual([]);
      expect(response.body.status).toBe('success');
      const product = response.body.payload;
      expect(product).toMatchObject({ ...required, status: true, thumbnails: [] });
      expect(product._id).toMatch(/^[0-9a-f]{24}$/);
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
      expect(new Date(product.createdAt).toISOString()).toBe(product.createdAt);
    });

    it('converts form strings and keeps 0 and false as values', async () => {
      const body = productBody();
      const response = await app.request
        .post('/api/products')
        .type('form')
        .send({ ...body, price: '0', stock: '0', status: 'false', thumbnails: 'a.jpg' })
        .expect(201);

      expect(response.body.payload).toMatchObject({
        price: 0,
        stock: 0,
        status: false,
        thumbnails: ['a.jpg'],
      });
    });

    it('accepts a single thumbnail field as a list of one', async () => {
      const response = await app.request
        .post('/api/products')
        .send({ ...productBody(), thumbnails: undefined, thumbnail: 'foto.png' })
        .expect(201);

      expect(response.body.payload.thumbnails).toEqual(['foto.png']);
    });

    it('ignores _id, id and timestamps in the body', async () => {
      const forged = '0123456789abcdef01234567';
      const response = await app.request
        .post('/api/products')
        .send({ ...productBody(), _id: forged, id: 7, createdAt: '2000-01-01T00:00:00.000Z' })
        .expect(201);

      expect(response.body.payload._id).not.toBe(forged);
      expect(response.body.payload.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
    });

    it('trims text fields', async () => {
      const response = await app.request
        .post('/api/products')
        .send(productBody({ title: '  Mate  ', category: ' Hogar ' }))
        .expect(201);

      expect(response.body.payload.title).toBe('Mate');
      expect(response.body.payload.category).toBe('Hogar');
    });

    it('reports every problem at once with VALIDATION_ERROR', async () => {
      const response = await app.request
        .post('/api/products')
        .send({
          title: '',
          price: -1,
          stock: 1.5,
          status: 'maybe',
          color: 'red',
          thumbnails: 'x'.repeat(2049),
        })
        .expect(400);

      expect(response.body.status).toBe('error');
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'title',
          'description',
          'code',
          'price',
          'stock',
          'status',
          'category',
          'color',
        ]),
      );
      expect(paths.some((path: string) => path.startsWith('thumbnails'))).toBe(true);
      for (const detail of response.body.error.details) expect(detail.message).toEqual(expect.any(String));
    });

    it('rejects a price with more than two decimals', async () => {
      const response = await app.request
        .post('/api/products')
        .send(productBody({ price: 1.234 }))
        .expect(400);

      expect(response.body.error.details).toEqual([{ path: 'price', message: expect.stringContaining('2') }]);
    });

    it('rejects numeric strings that do not convert', async () => {
      const response = await app.request
        .post('/api/products')
        .send({ ...productBody(), price: '12,5', stock: 'diez' })
        .expect(400);

      const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
      expect(paths).toEqual(['price', 'stock']);
    });

    it('rejects a body that is not an object', async () => {
      const response = await app.request.post('/api/products').send([productBody()]).expect(400);

      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    });

    it('rejects more than ten thumbnails', async () => {
      const thumbnails = Array.from({ length: 11 }, (_, i) => `img-${i}.jpg`);
      const response = await app.request.post('/api/products').send(productBody({ thumbnails })).expect(400);

      expect(response.body.error.details[0].path).toBe('thumbnails');
    });

    it('rejects a duplicate code with 409 CODE_ALREADY_EXISTS', async () => {
      const product = await createProduct(app);
      const response = await app.request
        .post('/api/products')
        .send(productBody({ code: product.code }))
        .expect(409);

      expect(response.body.error.code).toBe('CODE_ALREADY_EXISTS');
      expect(response.body.error.message).toContain(product.code);
    });

    it('answers in English when the request asks for it', async () => {
      const response = await app.request.post('/api/products?lang=en').send({}).expect(400);

      expect(response.body.error.message).toBe('The submitted data is not valid.');
      const english = await app.request
        .post('/api/products')
        .set('Accept-Language', 'en-US,en;q=0.9')
        .send({});
      expect(english.body.error.message).toBe('The submitted data is not valid.');
      const spanish = await app.request.post('/api/products').send({});
      expect(spanish.body.error.message).toBe('Los datos enviados no son válidos.');
    });
  });

  describe('GET /api/products/:pid', () => {
    it('returns the product', async () => {
      const product = await createProduct(app);
      const response = await app.request.get(`/api/products/${product._id}`).expect(200);

      expect(response.body).toEqual({ status: 'success', payload: product });
    });

    it('rejects a malformed id with 400 INVALID_ID', async () => {
      const response = await app.request.get('/api/products/123').expect(400);

      expect(response.body.error.code).toBe('INVALID_ID');
      expect(response.body.error.message).toContain('123');
    });

    it('answers 404 PRODUCT_NOT_FOUND for an unknown id', async () => {
      const response = await app.request.get('/api/products/aaaaaaaaaaaaaaaaaaaaaaaa').expect(404);

      expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
    });
  });

  describe('PUT /api/products/:pid', () => {
    it('updates only the given fields', async () => {
      const product = await createProduct(app, { stock: 5 });
      const response = await app.request
        .put(`/api/products/${product._id}`)
        .send({ stock: 0, _id: 'x' })
        .expect(200);

      expect(response.body.payload).toMatchObject({ ...product, stock: 0, updatedAt: expect.any(String) });
      expect(response.body.payload._id).toBe(product._id);
      const stored = await app.request.get(`/api/products/${product._id}`).expect(200);
      expect(stored.body.payload.stock).toBe(0);
    });

    it('rejects an empty update with VALIDATION_ERROR', async () => {
      const product = await createProduct(app);
      const response = await app.request.put(`/api/products/${product._id}`).send({}).expect(400);

      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    });

    it('rejects invalid fields and leaves the product unchanged', async () => {
      const product = await createProduct(app);
      const response = await app.request
        .put(`/api/products/${product._id}`)
        .send({ price: 'gratis' })
        .expect(400);

      expect(response.body.error.details[0].path).toBe('price');
      const stored = await app.request.get(`/api/products/${product._id}`).expect(200);
      expect(stored.body.payload).toEqual(product);
    });

    it('rejects taking another product code with 409', async () => {
      const first = await createProduct(app);
      const second = await createProduct(app);
      const response = await app.request
        .put(`/api/products/${second._id}`)
        .send({ code: first.code })
        .expect(409);

      expect(response.body.error.code).toBe('CODE_ALREADY_EXISTS');
    });

    it('keeps the code of the product itself', async () => {
      const product = await createProduct(app);
      const response = await app.request
        .put(`/api/products/${product._id}`)
        .send({ code: product.code, title: 'Nuevo' })
        .expect(200);

      expect(response.body.payload.title).toBe('Nuevo');
    });

    it('answers 404 for an unknown product', async () => {
      const response = await app.request
        .put('/api/products/bbbbbbbbbbbbbbbbbbbbbbbb')
        .send({ stock: 1 })
        .expect(404);

      expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
    });
  });

  describe('DELETE /api/products/:pid', () => {
    it('returns the deleted product, which is gone afterwards', async () => {
      const product = await createProduct(app);
      const response = await app.request.delete(`/api/products/${product._id}`).expect(200);

      expect(response.body.payload).toEqual(product);
      await app.request.get(`/api/products/${product._id}`).expect(404);
      await app.request.delete(`/api/products/${product._id}`).expect(404);
    });

    it('frees the code for a new product', async () => {
      const product = await createProduct(app);
      await app.request.delete(`/api/products/${product._id}`).expect(200);

      await app.request
        .post('/api/products')
        .send(productBody({ code: product.code }))
        .expect(201);
    });

    it('removes the product from every cart', async () => {
      const product = await createProduct(app);
      const kept = await createProduct(app);
      const carts: string[] = [];
      for (let i = 0; i < 2; i++) {
        const cart = await app.request.post('/api/carts').expect(201);
        carts.push(cart.body.payload._id);
        await app.request.post(`/api/carts/${cart.body.payload._id}/products/${product._id}`).expect(200);
        await app.request.post(`/api/carts/${cart.body.payload._id}/products/${kept._id}`).expect(200);
      }

      await app.request.delete(`/api/products/${product._id}`).expect(200);

      for (const cartId of carts) {
        const cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
        expect(
          cart.body.payload.products.map((line: { product: { _id: string } }) => line.product._id),
        ).toEqual([kept._id]);
      }
    });
  });
});
