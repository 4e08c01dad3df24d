/*
 * Runs schemathesis against the OpenAPI document of a real server process, once per store. It fails on
 * any 5xx and on any response whose status, content type or body does not match the document.
 *
 * Usage: tsx scripts/schemathesis.ts [fs|mongo ...]   (SCHEMATHESIS_BIN: the `st` command to use)
 * The mongo run uses MONGO_URL, or a FerretDB started here like the test suites do.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFerretDb, startFerretDb, type FerretDbServer } from '../test/helpers/ferretdb.js';
import { startServerProcess } from '../test/helpers/server-process.js';

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
].join(',');

const schemathesis = process.env.SCHEMATHESIS_BIN ?? 'st';
const maxExamples = process.env.SCHEMATHESIS_EXAMPLES ?? '40';

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function mongoUrl(): Promise<{ url: string; ferretDb?: FerretDbServer }> {
  if (process.env.MONGO_URL) return { url: process.env.MONGO_URL };
  const binary = findFerretDb();
  if (!binary) throw new Error('no MONGO_URL and no FerretDB binary (run scripts/ensure-ferretdb.sh)');
  const ferretDb = await startFerretDb({ binary });
  return { url: ferretDb.url, ferretDb };
}

async function runOn(store: string): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-schemathesis-'));
  const env: Record<string, string> = {
    STORE: store,
    DATA_DIR: dataDir,
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'warn',
  };
  let ferretDb: FerretDbServer | undefined;
  if (store === 'mongo') {
    const database = await mongoUrl();
    ferretDb = database.ferretDb;
    const url = new URL(database.url);
    url.pathname = `/tienda_schemathesis_${process.pid}`;
    env.MONGO_URL = url.toString();
  }

  const server = startServerProcess({ ...env, LOG_LEVEL: 'info' });
  try {
    const port = await server.port;
    const base = `http://127.0.0.1:${port}`;
    process.stdout.write(`schemathesis: ${store} store at ${base}\n`);
    return await run(schemathesis, [
      'run',
      `${base}/api/openapi.json`,
      '--url',
      base,
      '--checks',
      CHECKS,
      '--max-examples',
      maxExamples,
      // One worker: with two, CPython 3.11 crashed inside hypothesis's lambda parsing
      // ("AST constructor recursion depth mismatch"), which is not a finding about the API.
      '--workers',
      '1',
      '--seed',
      '20261204',
    ]);
  } finally {
    server.child.kill('SIGTERM');
    await server.exit;
    await ferretDb?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const stores = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['fs', 'mongo'];
let failed = 0;
for (const store of stores) {
  const code = await runOn(store);
  if (code !== 0) failed += 1;
  process.stdout.write(`schemathesis: ${store} store ${code === 0 ? 'passed' : 'FAILED'}\n`);
}
process.exit(failed === 0 ? 0 : 1);
