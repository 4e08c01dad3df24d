import type { Config } from '../config/env.config.js';
import type { Logger } from '../config/logger.js';
import { redactMongoUrl } from '../config/mongoose.js';
import { openFsStore } from './managers/filesystem/fs.store.js';
import type { Store } from './managers/manager.types.js';
import { openMongoStore } from './managers/mongo/mongo.store.js';

/** Opens the store that `STORE` names. Nothing above this function depends on which one is running. */
export async function openStore(
  config: Pick<Config, 'STORE' | 'DATA_DIR' | 'MONGO_URL'>,
  logger: Logger,
): Promise<Store> {
  if (config.STORE === 'mongo') {
    logger.info({ store: config.STORE, url: redactMongoUrl(config.MONGO_URL) }, 'opening store');
    return openMongoStore({ url: config.MONGO_URL, logger });
  }

  logger.info({ store: config.STORE, dataDir: config.DATA_DIR }, 'opening store');
  return openFsStore(config.DATA_DIR);
}
