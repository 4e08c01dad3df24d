import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/dao/managers/manager.types.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

describe.each(storeKinds())('messages API on the %s store', (kind) => {
  let app: TestApp;
  const sent: Message[] = [];

  beforeAll(async () => {
    app = await startTestApp(kind);
    for (let i = 1; i <= 7; i++) {
      const response = await app.request
        .post('/api/messages')
        .send({ user: ` Ana${i}@Example.COM `, message: `  hola ${i}  ` })
        .expect(201);
      sent.push(response.body.payload);
    }
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  it('stores a message with the email lower-cased and the text trimmed', () => {
    expect(sent[0]).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      user: 'ana1@example.com',
      message: 'hola 1',
      createdAt: expect.any(String),
    });
    expect(Object.keys(sent[0] ?? {})).toEqual(['_id', 'user', 'message', 'createdAt']);
  });

  it('lists the newest messages oldest first', async () => {
    const response = await app.request.get('/api/messages?limit=3').expect(200);

    expect(response.body).toEqual({ status: 'success', payload: sent.slice(4), nextBefore: sent[4]?._id });
  });

  it('pages back with before until there is nothing older', async () => {
    const second = await app.request.get(`/api/messages?limit=3&before=${sent[4]?._id}`).expect(200);
    expect(second.body.payload).toEqual(sent.slice(1, 4));
    expect(second.body.nextBefore).toBe(sent[1]?._id);

    const last = await app.request.get(`/api/messages?limit=3&before=${sent[1]?._id}`).expect(200);
    expect(last.body.payload).toEqual(sent.slice(0, 1));
    expect(last.body.nextBefore).toBeNull();
  });

  it('defaults to the 50 newest', async () => {
    const response = await app.request.get('/api/messages').expect(200);

    expect(response.body.payload).toEqual(sent);
    expect(response.body.nextBefore).toBeNull();
  });

  it.each(['limit=0', 'limit=201', 'before=123', 'limit=1&limit=2', 'before[$gt]=a'])(
    'rejects %s with INVALID_QUERY',
    async (query) => {
      const response = await app.request.get(`/api/messages?${query}`).expect(400);

      expect(response.body.error.code).toBe('INVALID_QUERY');
    },
  );

  it.each([
    [{ user: 'no-es-un-email', message: 'hola' }, ['user']],
    [{ user: 'a@b.co', message: '   ' }, ['message']],
    [{ user: 'a@b.co', message: 'x'.repeat(1001) }, ['message']],
    [{ message: 'hola' }, ['user']],
    [{ user: 'a@b.co', message: 'hola', admin: true }, ['admin']],
  ])('rejects %j with VALIDATION_ERROR', async (body, paths) => {
    const response = await app.request.post('/api/messages').send(body).expect(400);

    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(paths);
  });
});
