/*
 * The two reference servers of the benchmark, run as a child process of the harness. Both return
 * pre-serialised bodies looked up by URL, so they measure what serving the app's bytes costs with no
 * application work: a bare Express 5 route, and a bare `node:http` handler (the ceiling).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

interface Body {
  url: string;
  contentType: string;
  body: string;
}

interface PreparedBody {
  contentType: string;
  bytes: Buffer;
}

interface LoadMessage {
  type: 'load';
  bodies: Body[];
  fallback: Body;
}

let bodies = new Map<string, PreparedBody>();
let fallback: PreparedBody = { contentType: 'text/plain', bytes: Buffer.from('not loaded') };

function prepare(body: Body): PreparedBody {
  return { contentType: body.contentType, bytes: Buffer.from(body.body, 'utf8') };
}

function bodyFor(url: string | undefined): PreparedBody {
  return (url !== undefined && bodies.get(url)) || fallback;
}

const app = express();
app.disable('x-powered-by');
app.all('/{*path}', (req, res) => {
  const prepared = bodyFor(req.originalUrl);
  res.set('Content-Type', prepared.contentType).send(prepared.bytes);
});

function handleBare(req: IncomingMessage, res: ServerResponse): void {
  const prepared = bodyFor(req.url);
  res.writeHead(200, { 'Content-Type': prepared.contentType, 'Content-Length': prepared.bytes.length });
  res.end(prepared.bytes);
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

const [expressPort, httpPort] = await Promise.all([listen(app), listen(handleBare)]);

process.on('message', (message: LoadMessage) => {
  if (message.type !== 'load') return;
  bodies = new Map(message.bodies.map((body) => [body.url, prepare(body)]));
  fallback = prepare(message.fallback);
  process.send?.({ type: 'loaded' });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

process.send?.({ type: 'ready', expressPort, httpPort });
