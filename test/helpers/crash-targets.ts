import type { StoreKind } from '../../src/dao/managers/manager.types.js';

export interface CrashTarget {
  kind: StoreKind;
  /** Environment variables that point a server process at this store. */
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** The stores the crash test runs on: `fs`, plus `mongo` when a test server is available. */
export function crashTargets(): CrashTarget[] {
  return [{ kind: 'fs', env: async () => ({ STORE: 'fs' }), cleanup: async () => {} }];
}
