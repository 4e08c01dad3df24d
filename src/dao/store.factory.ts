import type { Config } from '../config/env.config.js';
import type { Logger } from '../config/logger.js';
import { openFsStore } from './managers/filesystem/fs.store.js';
import type { Store } from './managers/manager.types.js';

/** Opens the store that `STORE` names. Nothing above this function knows which one is running. */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  logger.info({ store: config.STORE, dataDir: config.DATA_DIR }, 'opening store');
  return openFsStore(config.DATA_DIR);
}
