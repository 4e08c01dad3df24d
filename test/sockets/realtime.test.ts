import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Message, Product } from '../../src/dao/managers/manager.types.js';
import { createProduct, productBody, startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

interface Envelope<T> {
  status: 'success' | 'error';
  payload?: T;
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

const ACK_TIMEOUT_MS = 5000;

describe.each(storeKinds())('Socket.io realtime (%s store)', (kind) => {
  let app: TestApp;
  const clients: Socket[] = [];

  /** Connects a client over WebSocket and waits until the server has accepted it. */
  async function client(options: { lang?: string } = {}): Promise<Socket> {
    const socket = connect(app.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: options.lang ? { lang: options.lang } : {},
    });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }

  function nextEvent<T>(socket: Socket, event: string): Promise<T> {
    return new Promise((resolve) => socket.once(event, resolve));
  }

  function emitWithAck<T>(socket: Socket, event: string, ...args: unknown[]): Promise<Envelope<T>> {
    return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<Envelope<T>>;
  }

  beforeAll(async () => {
    app = await startTestApp(kind);
  });

  afterEach(() => {
    for (const socket of clients.splice(0)) socket.disconnect();
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  describe('broadcasts of REST changes', () => {
    it('sends a REST create, update and delete to two clients', async () => {
      const [first, second] = [await client(), await client()];

      const created = [
        nextEvent<Product>(first, 'product:created'),
        nextEvent<Product>(second, 'product:created'),
      ];
      const product = await createProduct(app, { title: 'Mate de calabaza' });
      for (const event of await Promise.all(created)) expect(event).toEqual(product);

      const updated = [
        nextEvent<Product>(first, 'product:updated'),
        nextEvent<Product>(second, 'product:updated'),
      ];
      await app.request.put(`/api/products/${product._id}`).send({ stock: 7 }).expect(200);
      for (const event of await Promise.all(updated)) {
        expect(event._id).toBe(product._id);
        expect(event.stock).toBe(7);
      }

      const deleted = [nextEvent(first, 'product:deleted'), nextEvent(second, 'product:deleted')];
      await app.request.delete(`/api/products/${product._id}`).expect(200);
      for (const event of await Promise.all(deleted)) expect(event).toEqual({ _id: product._id });
    });
  });

  describe('product:create', () => {
    it('creates through the service, acks the product and broadcasts it', async () => {
      const [sender, watcher] = [await client(), await client()];
      const broadcast = nextEvent<Product>(watcher, 'product:created');

      const ack = await emitWithAck<Product>(sender, 'product:create', productBody({ title: 'Bombilla' }));
      expect(ack.status).toBe('success');
      expect(ack.payload?.title).toBe('Bombilla');
      expect(await broadcast).toEqual(ack.payload);

      const stored = await app.request.get(`/api/products/${ack.payload?._id}`).expect(200);
      expect(stored.body.payload.title).toBe('Bombilla');
    });

    it('converts form strings as the API does', async () => {
      const sender = await client();
      const ack = await emitWithAck<Product>(
        sender,
        'product:create',
        productBody({ price: '12.5' as unknown as number, stock: '3' as unknown as number }),
      );
      expect(ack.payload?.price).toBe(12.5);
      expect(ack.payload?.stock).toBe(3);
    });

    it('acks VALIDATION_ERROR for a bad body and broadcasts nothing', async () => {
      const [sender, watcher] = [await client(), await client()];
      const seen: Product[] = [];
      watcher.on('product:created', (product: Product) => seen.push(product));

      const ack = await emitWithAck(sender, 'product:create', { title: '', price: -1, extra: true });
      expect(ack.status).toBe('error');
      expect(ack.error?.code).toBe('VALIDATION_ERROR');
      const paths = ack.error?.details?.map((detail) => detail.path) ?? [];
      expect(paths).toEqual(expect.arrayContaining(['title', 'price', 'extra', 'code', 'stock']));

      // A valid create afterwards is the first broadcast the watcher receives.
      const valid = nextEvent<Product>(watcher, 'product:created');
      const product = await createProduct(app);
      await valid;
      expect(seen.map((entry) => entry._id)).toEqual([product._id]);
    });

    it.each([
      ['a string', 'not a product'],
      ['null', null],
      ['an array', [1, 2, 3]],
    ])('acks VALIDATION_ERROR for %s', async (_name, payload) => {
      const sender = await client();
      const ack = await emitWithAck(sender, 'product:create', payload);
      expect(ack.error?.code).toBe('VALIDATION_ERROR');
    });

    it('acks CODE_ALREADY_EXISTS for a taken code', async () => {
      const existing = await createProduct(app);
      const sender = await client();
      const ack = await emitWithAck(sender, 'product:create', productBody({ code: existing.code }));
      expect(ack.error?.code).toBe('CODE_ALREADY_EXISTS');
    });

    it('words error messages in the language of the connection', async () => {
      const spanish = await client();
      const english = await client({ lang: 'en' });
      const inSpanish = await emitWithAck(spanish, 'product:create', {});
      const inEnglish = await emitWithAck(english, 'product:create', {});
      expect(inSpanish.error?.message).toBe('Los datos enviados no son válidos.');
      expect(inEnglish.error?.message).toBe('The submitted data is not valid.');
    });
  });

  describe('product:delete', () => {
    it('deletes, acks the product and broadcasts its id', async () => {
      const product = await createProduct(app);
      const [sender, watcher] = [await client(), await client()];
      const broadcast = nextEvent(watcher, 'product:deleted');

      const ack = await emitWithAck<Product>(sender, 'product:delete', { _id: product._id });
      expect(ack.payload?._id).toBe(product._id);
      expect(await broadcast).toEqual({ _id: product._id });
      await app.request.get(`/api/products/${product._id}`).expect(404);
    });

    it('acks INVALID_ID and PRODUCT_NOT_FOUND', async () => {
      const sender = await client();
      expect((await emitWithAck(sender, 'product:delete', { _id: 'nope' })).error?.code).toBe('INVALID_ID');
      const missing = await emitWithAck(sender, 'product:delete', { _id: '0123456789abcdef01234567' });
      expect(missing.error?.code).toBe('PRODUCT_NOT_FOUND');
      expect((await emitWithAck(sender, 'product:delete', 42)).error?.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('chat', () => {
    it('stores a message and sends it to both clients', async () => {
      const [first, second] = [await client(), await client()];
      const received = [
        nextEvent<Message>(first, 'chat:message'),
        nextEvent<Message>(second, 'chat:message'),
      ];

      const ack = await emitWithAck<Message>(first, 'chat:message', {
        user: ' Ana@Example.com ',
        message: '  hola  ',
      });
      expect(ack.payload).toMatchObject({ user: 'ana@example.com', message: 'hola' });
      for (const message of await Promise.all(received)) expect(message).toEqual(ack.payload);

      const history = await app.request.get('/api/messages').expect(200);
      expect(history.body.payload.map((message: Message) => message._id)).toContain(ack.payload?._id);
    });

    it('acks VALIDATION_ERROR for an invalid email', async () => {
      const sender = await client();
      const ack = await emitWithAck(sender, 'chat:message', { user: 'not-an-email', message: 'hola' });
      expect(ack.error?.code).toBe('VALIDATION_ERROR');
      expect(ack.error?.details?.[0]?.path).toBe('user');
    });

    it('answers the sixth message within a second with RATE_LIMITED', async () => {
      const sender = await client();
      const acks = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          emitWithAck(sender, 'chat:message', { user: 'rapido@example.com', message: `mensaje ${index}` }),
        ),
      );
      expect(acks.slice(0, 5).map((ack) => ack.status)).toEqual(Array(5).fill('success'));
      expect(acks[5]?.error?.code).toBe('RATE_LIMITED');

      const other = await client();
      const ack = await emitWithAck(other, 'chat:message', { user: 'otro@example.com', message: 'hola' });
      expect(ack.status).toBe('success');
    });

    it('returns history pages through chat:history', async () => {
      const sender = await client();
      for (const text of ['uno', 'dos', 'tres']) {
        await emitWithAck(sender, 'chat:message', { user: 'historia@example.com', message: text });
      }
      const latest = await emitWithAck<{ docs: Message[]; nextBefore: string | null }>(
        sender,
        'chat:history',
        {
          limit: 2,
        },
      );
      expect(latest.payload?.docs.map((message) => message.message)).toEqual(['dos', 'tres']);
      expect(latest.payload?.nextBefore).toBe(latest.payload?.docs[0]?._id);

      const older = await emitWithAck<{ docs: Message[] }>(sender, 'chat:history', {
        limit: 1,
        before: latest.payload?.nextBefore,
      });
      expect(older.payload?.docs.map((message) => message.message)).toEqual(['uno']);

      const bad = await emitWithAck(sender, 'chat:history', { limit: 'x' });
      expect(bad.error?.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('robustness', () => {
    it('survives a 20 KB payload by closing only that connection', async () => {
      const sender = await client();
      const disconnected = nextEvent<string>(sender, 'disconnect');
      sender.emit('chat:message', { user: 'grande@example.com', message: 'x'.repeat(20 * 1024) }, () => {});
      expect(await disconnected).toBe('transport close');

      const other = await client();
      const ack = await emitWithAck(other, 'chat:message', {
        user: 'despues@example.com',
        message: 'sigo acá',
      });
      expect(ack.status).toBe('success');
      const history = await app.request.get('/api/messages?limit=200').expect(200);
      expect(history.body.payload.some((message: Message) => message.user === 'grande@example.com')).toBe(
        false,
      );
    });

    it('ignores an event without an acknowledgement and keeps serving', async () => {
      const sender = await client();
      sender.emit('chat:message', { user: 'sinack@example.com', message: 'sin ack' });
      sender.emit('product:create', productBody());
      sender.emit('product:delete');

      const ack = await emitWithAck(sender, 'chat:message', {
        user: 'conack@example.com',
        message: 'con ack',
      });
      expect(ack.status).toBe('success');
      const history = await app.request.get('/api/messages?limit=200').expect(200);
      expect(history.body.payload.some((message: Message) => message.user === 'sinack@example.com')).toBe(
        false,
      );
    });

    it('acks INTERNAL_ERROR without a stack when a handler throws', async () => {
      vi.spyOn(app.shop.services.messages, 'list').mockRejectedValueOnce(new Error('disk on fire'));
      const sender = await client();

      const ack = await emitWithAck(sender, 'chat:history', {});
      expect(ack).toEqual({
        status: 'error',
        error: { code: 'INTERNAL_ERROR', message: 'Ocurrió un error interno. Ya quedó registrado.' },
      });

      const after = await emitWithAck(sender, 'chat:history', {});
      expect(after.status).toBe('success');
    });

    it('acks an event sent with only a callback', async () => {
      const sender = await client();
      const ack = await emitWithAck(sender, 'product:create');
      expect(ack.error?.code).toBe('VALIDATION_ERROR');
    });
  });
});

describe('Shop.close with sockets', () => {
  it('drops clients so they reconnect after a restart', async () => {
    const app = await startTestApp('fs');
    const socket = connect(app.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    await app.close();
    // A transport close, unlike an 'io server disconnect', makes the client retry on its own.
    expect(await disconnected).toBe('transport close');
    await app.testStore.destroy();
  });
});
