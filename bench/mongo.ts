import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCarts, generateProducts, seededRandom, type StoredProduct } from './catalogue.js';
import type { LoadSettings } from './load.js';
import { residentSetMb, startApp, type ReferenceServers } from './processes.js';
import type { SizeReport } from './report.js';
import { runRounds, summarise } from './rounds.js';
import { prepareScenario, type HttpScenarioName } from './scenarios.js';

/** The database the benchmark fills; its products are replaced on every run. */
const BENCH_DATABASE = 'tienda_bench';
const MONGO_SCENARIOS: readonly HttpScenarioName[] = ['list', 'get'];

/** Points a MongoDB connection string at the benchmark's own database, keeping hosts and options. */
export function benchDatabaseUrl(url: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`MONGO_URL is not a mongodb:// connection string: ${url}`);
  return `${match[1]}/${BENCH_DATABASE}${match[2] ?? ''}`;
}

interface BuiltStore {
  products: {
    clear(): Promise<void>;
    importMany(products: readonly StoredProduct[]): Promise<void>;
  };
  close(): Promise<void>;
}

/** Replaces the products of the benchmark database through the app's own compiled mongo store. */
async function fillMongo(root: string, mongoUrl: string, products: readonly StoredProduct[]): Promise<void> {
  const factory = (await import(pathToFileURL(path.join(root, 'dist/dao/store.factory.js')).href)) as {
    openStore(config: object, logger: object): Promise<BuiltStore>;
  };
  const { pino } = await import('pino');
  const store = await factory.openStore(
    { STORE: 'mongo', DATA_DIR: os.tmpdir(), MONGO_URL: mongoUrl },
    pino({ level: 'silent' }),
  );
  try {
    await store.products.clear();
    await store.products.importMany(products);
  } finally {
    await store.close();
  }
}

/**
 * Runs `list` and `get` on the `mongo` store for each size, against the same references. The figures
 * are reported with no target: FerretDB, which the tests use, is not as fast as MongoDB.
 */
export async function runMongoScenarios(
  root: string,
  mongoUrl: string,
  sizes: readonly number[],
  load: LoadSettings,
  rounds: number,
  references: ReferenceServers,
  errors: string[],
): Promise<SizeReport[]> {
  const url = benchDatabaseUrl(mongoUrl);
  const reports: SizeReport[] = [];
  for (const size of sizes) {
    console.log(`\nmongo, N = ${size.toLocaleString('en-US')}`);
    const products = generateProducts(size);
    await fillMongo(root, url, products);

    const folder = await mkdtemp(path.join(os.tmpdir(), `tienda-bench-mongo-${size}-`));
    const app = await startApp({
      root,
      dataDir: path.join(folder, 'data'),
      logFile: path.join(folder, 'app.log'),
      store: 'mongo',
      mongoUrl: url,
    });
    const report: SizeReport = {
      products: size,
      label: 'mongo store',
      startup: { startupMs: app.startupMs, rssAtReadyMb: residentSetMb(app.pid), peakRssMb: null },
      scenarios: [],
      skipped: [],
      extraTargets: [],
    };
    try {
      const random = seededRandom(size);
      for (const name of MONGO_SCENARIOS) {
        process.stdout.write(`  ${name}...`);
        const prepared = await prepareScenario(name, {
          appUrl: app.url,
          products,
          carts: generateCarts(0),
          random,
        });
        if ('skipped' in prepared) {
          report.skipped.push({ scenario: name, reason: prepared.skipped });
          continue;
        }
        await references.load(prepared.referenceBodies, prepared.fallback);
        const urls = { app: app.url, express: references.expressUrl, http: references.httpUrl };
        const summary = summarise(name, await runRounds(name, prepared, urls, { rounds, load }, errors));
        report.scenarios.push(summary);
        process.stdout.write(` ${Math.round(summary.app.requestsPerSecond)} req/s\n`);
      }
      report.startup.peakRssMb = residentSetMb(app.pid, 'VmHWM');
    } finally {
      await app.stop();
      await rm(folder, { recursive: true, force: true });
    }
    reports.push(report);
  }
  return reports;
}
