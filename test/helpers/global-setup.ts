import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a MongoDB-compatible server for the `mongo` suites, or null when none is available. */
    mongoUrl: string | null;
  }
}

/** Runs once per test run: provides the MongoDB URL that the `mongo` store suites use. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('mongoUrl', null);
  return async () => {};
}
