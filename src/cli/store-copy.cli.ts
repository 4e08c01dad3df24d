import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env.config.js';
import { createLogger, type Logger } from '../config/logger.js';
import type { Store, StoreKind } from '../dao/managers/manager.types.js';
import { openStore } from '../dao/store.factory.js';

const USAGE =
  'Usage: npm run store:copy -- --from fs|mongo --to mongo|fs [--replace]\n' +
  '  --from     store to read (fs: the JSON files in DATA_DIR; mongo: the database at MONGO_URL)\n' +
  '  --to       store to write; it must be empty unless --replace is given\n' +
  '  --replace  delete every product, cart and message in the target before copying';

class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface CopyOptions {
  from: StoreKind;
  to: StoreKind;
  replace: boolean;
}

function parseStoreKind(option: string, value: string | undefined): StoreKind {
  if (value === 'fs' || value === 'mongo') return value;
  throw new UsageError(
    `--${option} must be fs or mongo, got ${value === undefined ? 'nothing' : `"${value}"`}.`,
  );
}

function parseOptions(args: string[]): CopyOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        replace: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const from = parseStoreKind('from', values.from);
  const to = parseStoreKind('to', values.to);
  if (from === to) throw new UsageError(`--from and --to are both ${from}. Name two different stores.`);
  return { from, to, replace: values.replace };
}

async function countAll(store: Store): Promise<{ products: number; carts: number; messages: number }> {
  const [products, carts, messages] = await Promise.all([
    store.products.count(),
    store.carts.count(),
    store.messages.count(),
  ]);
  return { products, carts, messages };
}

/**
 * Copies every product, cart and message with its id and timestamps. Rejects a non-empty target
 * unless `replace` is set. The copy is not one transaction: if it fails halfway, run it again with
 * --replace.
 */
async function copyStore(source: Store, target: Store, replace: boolean, logger: Logger): Promise<void> {
  const existing = await countAll(target);
  const targetIsEmpty = existing.products + existing.carts + existing.messages === 0;
  if (!targetIsEmpty && !replace) {
    throw new UsageError(
      `The ${target.kind} store is not empty (${existing.products} products, ${existing.carts} carts, ` +
        `${existing.messages} messages). Run again with --replace to overwrite it.`,
    );
  }

  const [products, carts, messages] = await Promise.all([
    source.products.exportAll(),
    source.carts.exportAll(),
    source.messages.exportAll(),
  ]);

  if (!targetIsEmpty) {
    await target.carts.clear();
    await target.products.clear();
    await target.messages.clear();
  }
  await target.products.importMany(products);
  await target.carts.importMany(carts);
  await target.messages.importMany(messages);

  logger.info(
    {
      from: source.kind,
      to: target.kind,
      products: products.length,
      carts: carts.length,
      messages: messages.length,
    },
    'store copied',
  );
}

/** `npm run store:copy`: copies the data of one store into the other, using DATA_DIR and MONGO_URL. */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig(process.env);
  const logger = createLogger(config);

  const source = await openStore({ ...config, STORE: options.from }, logger);
  try {
    const target = await openStore({ ...config, STORE: options.to }, logger);
    try {
      await copyStore(source, target, options.replace, logger);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Store copy failed: ${message}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exit(1);
});
