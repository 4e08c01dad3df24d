import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCart, startTestApp, type TestApp } from '../helpers/app.js';

describe('request limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('fs');
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  it('rejects a cart replace of 10,001 lines', async () => {
    const cartId = await createCart(app);
    const lines = Array.from({ length: 10_001 }, (_, i) => ({
      product: i.toString(16).padStart(24, '0'),
      quantity: 1,
    }));

    const response = await app.request.put(`/api/carts/${cartId}`).send(lines);

    expect([400, 413]).toContain(response.status);
    expect(['PAYLOAD_TOO_LARGE', 'VALIDATION_ERROR']).toContain(response.body.error.code);
  });

  it('rejects 1,001 lines that fit in the body limit', async () => {
    const cartId = await createCart(app);
    const lines = Array.from({ length: 1_001 }, (_, i) => ({
      product: i.toString(16).padStart(24, '0'),
      quantity: 1,
    }));

    const response = await app.request.put(`/api/carts/${cartId}`).send(lines).expect(400);

    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('sets header and request timeouts against slow clients', () => {
    expect(app.shop.server.headersTimeout).toBeLessThanOrEqual(20_000);
    expect(app.shop.server.requestTimeout).toBeLessThanOrEqual(30_000);
    expect(app.shop.server.requestTimeout).toBeGreaterThan(0);
  });

  it('serves other clients while 50 requests trickle in', async () => {
    const slow = await Promise.all(
      Array.from(
        { length: 50 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const socket = net.connect(app.address.port, '127.0.0.1', () => {
              socket.write('POST /api/carts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
              resolve(socket);
            });
            socket.on('error', () => undefined);
          }),
      ),
    );

    try {
      const response = await app.request.get('/api/products').expect(200);
      expect(response.body.status).toBe('success');
    } finally {
      for (const socket of slow) socket.destroy();
    }
  });
});
