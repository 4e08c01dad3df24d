import { inject } from 'vitest';
import type { StoreKind } from '../../src/dao/managers/manager.types.js';
import { dropDatabase, uniqueDatabaseName, withDatabase } from './stores.js';

export interface CrashTarget {
  kind: StoreKind;
  /** Environment variables that point a server process at this store. */
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

function mongoTarget(url: string): CrashTarget {
  const dbName = uniqueDatabaseName();
  return {
    kind: 'mongo',
    env: async () => ({ STORE: 'mongo', MONGO_URL: withDatabase(url, dbName) }),
    cleanup: () => dropDatabase(url, dbName),
  };
}

/** Lists the stores the crash test runs on: `fs`, plus `mongo` (only the app is killed) when a server is available. */
export function crashTargets(): CrashTarget[] {
  const fs: CrashTarget = { kind: 'fs', env: async () => ({ STORE: 'fs' }), cleanup: async () => {} };
  const url = inject('mongoUrl');
  return url ? [fs, mongoTarget(url)] : [fs];
}
