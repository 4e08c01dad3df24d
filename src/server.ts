import 'dotenv/config';
import { ConfigError, loadConfig } from './config/env.config.js';
import { createLogger } from './config/logger.js';
import { createShop } from './app.js';
import { openStore } from './dao/store.factory.js';
import { seedDemoIfEmpty } from './dao/seed/seed.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);

  const store = await openStore(config, logger);
  if (config.SEED_DEMO) {
    const added = await seedDemoIfEmpty(store);
    if (added > 0) logger.info({ products: added }, 'empty store seeded with the demo catalogue');
  }

  const shop = createShop({ config, logger, store });
  const address = await shop.listen(config.PORT, config.HOST);
  logger.info({ port: address.port, host: config.HOST, store: store.kind }, 'Tienda listening');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight and flushing the store');

    const timer = setTimeout(() => {
      logger.error(
        { timeoutMs: SHUTDOWN_TIMEOUT_MS },
        'shutdown timed out; exiting with requests still open',
      );
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();

    shop.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** Turns the start-up failures a user can fix into one line; anything else keeps its stack trace. */
function describeStartupError(error: unknown): unknown {
  if (error instanceof ConfigError || (error as Error)?.name === 'StoreFileError')
    return (error as Error).message;

  const code = (error as NodeJS.ErrnoException)?.code;
  const port = (error as { port?: number })?.port;
  if (code === 'EADDRINUSE')
    return `port ${port} is already in use. Stop the other server or set PORT to a free port.`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}. Set PORT to a port above 1023.`;
  return error;
}

main().catch((error: unknown) => {
  // The last-resort handler: the logger may not exist yet when configuration or the store fails.
  console.error('Tienda could not start:', describeStartupError(error));
  process.exit(1);
});
