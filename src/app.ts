import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { engine } from 'express-handlebars';
import helmet from 'helmet';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/env.config.js';
import type { Logger } from './config/logger.js';
import type { Store } from './dao/managers/manager.types.js';
import { AppError } from './errors/app.error.js';
import { errorMessage } from './i18n/i18n.js';
import { apiNotFound, errorHandler } from './middlewares/error.middleware.js';
import { langMiddleware } from './middlewares/lang.middleware.js';
import { requestLogMiddleware } from './middlewares/request-log.middleware.js';
import { rateLimitMiddleware } from './middlewares/rate-limit.middleware.js';
import { ViewsController } from './controllers/views.controller.js';
import { viewsRouter } from './routes/views.router.js';
import { attachSockets, type ShopIo } from './sockets/index.js';
import { viewHelpers } from './views/helpers.js';
import { cartsRouter } from './routes/carts.router.js';
import { messagesRouter } from './routes/messages.router.js';
import { productsRouter } from './routes/products.router.js';
import { docsRouter } from './routes/docs.router.js';
import { CartsService } from './services/carts.service.js';
import { MessagesService } from './services/messages.service.js';
import { ProductsService } from './services/products.service.js';
import { ShopEvents } from './services/shop.events.js';
import { failure } from './utils/envelope.js';

export const BODY_LIMIT = '100kb';
/** Folder of this module: `src/` under tsx and vitest, `dist/` once built, which contains a copy of the views. */
const MODULE_DIR = path.dirname(fileURLToPath(import.meta.url));
const VIEWS_DIR = path.join(MODULE_DIR, 'views');
const PUBLIC_DIR = path.join(MODULE_DIR, '..', 'public');
const STATIC_MAX_AGE_MS = 60 * 60 * 1000;
const BODY_LIMIT_TEXT = '100 KB';

export interface Services {
  products: ProductsService;
  carts: CartsService;
  messages: MessagesService;
}

export interface ShopDeps {
  config: Config;
  logger: Logger;
  store: Store;
}

export interface Shop {
  app: Express;
  server: Server;
  services: Services;
  events: ShopEvents;
  io: ShopIo;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Stops accepting, disconnects socket clients, lets requests in flight finish, then flushes and
   * closes the store.
   */
  close(): Promise<void>;
}

function buildServices(store: Store, events: ShopEvents): Services {
  return {
    products: new ProductsService({ products: store.products, carts: store.carts, events }),
    carts: new CartsService({ products: store.products, carts: store.carts }),
    messages: new MessagesService({ messages: store.messages, events }),
  };
}

/**
 * Security headers. The Content-Security-Policy allows scripts, styles, fonts and connections only from
 * this origin (Socket.io's WebSocket included), and product images from any https URL because
 * thumbnails are links to other sites. It never allows inline scripts or styles.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

function configureViews(app: Express): void {
  app.engine(
    'handlebars',
    engine({
      defaultLayout: 'main',
      layoutsDir: path.join(VIEWS_DIR, 'layouts'),
      partialsDir: path.join(VIEWS_DIR, 'partials'),
      helpers: viewHelpers,
    }),
  );
  app.set('view engine', 'handlebars');
  app.set('views', VIEWS_DIR);
}

function buildExpressApp(deps: ShopDeps, services: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  configureViews(app);
  const views = new ViewsController({
    products: services.products,
    carts: services.carts,
    logger: deps.logger,
  });

  app.use(requestLogMiddleware(deps.logger));
  app.use(securityHeaders());
  app.use(cookieParser());
  app.use(langMiddleware());

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ok', store: deps.store.kind });
    } catch (error) {
      const appError =
        error instanceof AppError ? error : new AppError('STORE_UNAVAILABLE', { cause: error });
      const { error: body } = failure(
        appError.code,
        errorMessage(res.locals.lang, appError.code, appError.params),
      );
      res.status(503).json({ status: 'error', store: deps.store.kind, error: body });
    }
  });

  const api = express.Router();
  if (deps.config.RATE_LIMIT !== null) api.use(rateLimitMiddleware(deps.config.RATE_LIMIT));
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }));
  api.use('/products', productsRouter(services.products));
  api.use('/carts', cartsRouter(services.carts));
  api.use('/messages', messagesRouter(services.messages));
  api.use(docsRouter());
  api.use(apiNotFound());
  app.use('/api', api);
  // Mounted after the API so API requests do not pay for a file lookup each.
  app.use(express.static(PUBLIC_DIR, { maxAge: STATIC_MAX_AGE_MS, index: false }));
  app.use(viewsRouter(views, services.carts));

  app.use(
    errorHandler({ logger: deps.logger, bodyLimit: BODY_LIMIT_TEXT, renderPage: views.renderErrorPage }),
  );
  return app;
}

/**
 * Builds the services on the given store and wires Express and the HTTP server: the composition root.
 * Nothing here reads the environment, because `server.ts` parses config and opens the store.
 */
export function createShop(deps: ShopDeps): Shop {
  const events = new ShopEvents();
  const services = buildServices(deps.store, events);
  const app = buildExpressApp(deps, services);

  const server = createServer(app);
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const sockets = attachSockets({
    server,
    events,
    products: services.products,
    messages: services.messages,
    logger: deps.logger,
  });

  return {
    app,
    server,
    services,
    events,
    io: sockets.io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      // Socket.io's close disconnects its clients and then closes the HTTP server, waiting for requests in flight.
      const closing = sockets.close();
      server.closeIdleConnections();
      await closing;
      await deps.store.close();
    },
  };
}
