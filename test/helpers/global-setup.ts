import type { TestProject } from 'vitest/node';
import { findFerretDb, startFerretDb, type FerretDbServer } from './ferretdb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a MongoDB-compatible server for the `mongo` suites, or null when none is available. */
    mongoUrl: string | null;
    /** The FerretDB binary the run uses, for suites that start their own instance; null otherwise. */
    ferretDbBinary: string | null;
  }
}

const HOW_TO_ENABLE =
  'mongo store suites skipped: no MongoDB server. Set MONGO_URL, or install FerretDB 1.24 with ' +
  'scripts/ensure-ferretdb.sh (or point FERRETDB_BIN at it) to run them.';

/**
 * Runs once per test run and provides the MongoDB URL of the `mongo` suites: `MONGO_URL` when set,
 * otherwise a FerretDB started here on a free loopback port and stopped after the run. With CI=true a
 * missing or failing server fails the run; locally the `mongo` suites are skipped with one line.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const binary = findFerretDb() ?? null;
  project.provide('ferretDbBinary', binary);

  const configured = process.env.MONGO_URL;
  if (configured) {
    project.provide('mongoUrl', configured);
    return async () => {};
  }

  let server: FerretDbServer | undefined;
  try {
    if (!binary)
      throw new Error('FerretDB was not found in FERRETDB_BIN, on PATH or in $(go env GOPATH)/bin.');
    server = await startFerretDb({ binary });
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true needs a MongoDB server for the mongo suites: ${(error as Error).message}`, {
        cause: error,
      });
    }
    console.warn(`${HOW_TO_ENABLE} (${(error as Error).message.split('\n')[0]})`);
    project.provide('mongoUrl', null);
    return async () => {};
  }

  project.provide('mongoUrl', server.url);
  const started = server;
  return async () => {
    await started.destroy();
  };
}
