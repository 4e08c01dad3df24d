import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, startOnStore, startTestApp, type TestApp } from '../helpers/app.js';
import { openTestStore, storeKinds } from '../helpers/stores.js';

describe.each(storeKinds())('error envelope on the %s store', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await app.request
      .post('/api/products')
      .set('Content-Type', 'application/json')
      .send('{"title": "sin cerrar"')
      .expect(400);

    expect(response.body).toEqual({
      status: 'error',
      error: { code: 'MALFORMED_JSON', message: 'El cuerpo de la petición no es JSON válido.' },
    });
  });

  it('answers a body over 100 KB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await app.request
      .post('/api/products')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(101 * 1024) }))
      .expect(413);

    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.body.error.message).toContain('100 KB');
  });

  it('answers an unknown API route with 404 ROUTE_NOT_FOUND', async () => {
    const response = await app.request.get('/api/nothing/here?lang=en').expect(404);

    expect(response.body).toEqual({
      status: 'error',
      error: { code: 'ROUTE_NOT_FOUND', message: 'There is no route GET /api/nothing/here.' },
    });
  });

  it('answers an unsupported charset with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await app.request
      .post('/api/messages')
      .set('Content-Type', 'application/json; charset=klingon')
      .send('{}')
      .expect(415);

    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('reports /healthz with the store kind', async () => {
    const response = await app.request.get('/healthz').expect(200);

    expect(response.body).toEqual({ status: 'ok', store: kind });
  });

  it('tags every response with a request id', async () => {
    const response = await app.request.get('/healthz').set('X-Request-Id', 'abc-123').expect(200);

    expect(response.headers['x-request-id']).toBe('abc-123');
  });
});

describe('unexpected failures', () => {
  it('answer 500 INTERNAL_ERROR without a stack trace or driver message', async () => {
    const testStore = await openTestStore('fs');
    const broken = {
      ...testStore.store,
      products: Object.assign(
        Object.create(Object.getPrototypeOf(testStore.store.products)),
        testStore.store.products,
        {
          getById: async () => {
            throw new TypeError('secret driver detail at line 42');
          },
        },
      ),
    };
    const app = await startOnStore(testStore, broken);
    try {
      const response = await app.request.get('/api/products/aaaaaaaaaaaaaaaaaaaaaaaa').expect(500);

      expect(response.body).toEqual({
        status: 'error',
        error: { code: 'INTERNAL_ERROR', message: 'Ocurrió un error interno. Ya quedó registrado.' },
      });
      expect(response.text).not.toContain('secret');
      expect(response.text).not.toContain('at ');
    } finally {
      await app.close();
      await testStore.destroy();
    }
  });
});

describe('rate limit', () => {
  it('answers mutating requests over the limit with 429 and Retry-After', async () => {
    const app = await startTestApp('fs', { RATE_LIMIT: '3' });
    try {
      for (let i = 0; i < 3; i++) await app.request.post('/api/carts').expect(201);
      const response = await app.request.post('/api/carts').expect(429);

      expect(response.body.error.code).toBe('RATE_LIMITED');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      await app.request.get('/api/products').expect(200);
    } finally {
      await app.close();
      await app.testStore.destroy();
    }
  });

  it('is off when RATE_LIMIT is off', async () => {
    const app = await startTestApp('fs', { RATE_LIMIT: 'off' });
    try {
      const product = await createProduct(app);
      for (let i = 0; i < 20; i++)
        await app.request.put(`/api/products/${product._id}`).send({ stock: i }).expect(200);
    } finally {
      await app.close();
      await app.testStore.destroy();
    }
  });
});

describe('bodies that are not objects', () => {
  it('explain that the body must be a JSON object or a form', async () => {
    const app = await startTestApp('fs');
    try {
      const missing = await app.request.post('/api/products').expect(400);
      const text = await app.request
        .post('/api/products')
        .set('Content-Type', 'text/plain')
        .send('hola')
        .expect(400);

      expect(missing.body.error.details).toEqual([{ path: '', message: expect.stringContaining('JSON') }]);
      expect(text.body.error.details).toEqual(missing.body.error.details);
    } finally {
      await app.close();
      await app.testStore.destroy();
    }
  });
});
