import 'dotenv/config';
import { loadConfig } from '../config/env.config.js';
import { createLogger } from '../config/logger.js';
import { openStore } from '../dao/store.factory.js';
import { seedDemo } from '../dao/seed/seed.js';

/** `npm run seed`: resets the configured store to the demo catalogue. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const store = await openStore(config, logger);
  try {
    const added = await seedDemo(store);
    logger.info({ store: store.kind, products: added }, 'store reset to the demo catalogue');
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error('Seeding failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
