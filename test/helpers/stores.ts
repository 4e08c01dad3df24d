import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openFsStore } from '../../src/dao/managers/filesystem/fs.store.js';
import type { Store, StoreKind } from '../../src/dao/managers/manager.types.js';

/** Every store the suites run against: `fs` always, `mongo` when a server is available. */
export function storeKinds(): StoreKind[] {
  return inject('mongoUrl') ? ['fs', 'mongo'] : ['fs'];
}

export interface TestStore {
  store: Store;
  /** Opens a second store on the same data, as a restarted process would. Close the first one before. */
  reopen(): Promise<Store>;
  /** Closes the store and deletes its data. */
  destroy(): Promise<void>;
  dataDir: string;
}

/** Opens an empty store of the given kind on its own temporary data (folder or database). */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'mongo') throw new Error('the mongo test store is not wired yet');

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-test-'));
  const opened: Store[] = [await openFsStore(dataDir)];
  return {
    store: opened[0] as Store,
    dataDir,
    async reopen() {
      const store = await openFsStore(dataDir);
      opened.push(store);
      return store;
    },
    async destroy() {
      await Promise.all(opened.map((store) => store.close()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
