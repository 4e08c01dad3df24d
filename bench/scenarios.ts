import { CATEGORIES, SEARCH_WORDS, type StoredCart, type StoredProduct } from './catalogue.js';
import type { NextRequest, TargetName } from './load.js';
import type { ReferenceBody } from './processes.js';

export type HttpScenarioName = 'list' | 'list-filtered' | 'search' | 'get' | 'cart-add' | 'page-products';

export const HTTP_SCENARIOS: readonly HttpScenarioName[] = [
  'list',
  'list-filtered',
  'search',
  'get',
  'page-products',
  'cart-add',
];

/** Paths sampled per scenario; every one of them is fetched from the app once to load the references. */
const PATH_SAMPLE_SIZE = 400;
const ID_SAMPLE_SIZE = 1000;
const PRODUCTS_PER_CART = 3;
/** Products picked for carts need at least this stock, so no add fails with INSUFFICIENT_STOCK. */
const CART_PRODUCT_MIN_STOCK = 1000;
const FETCH_CONCURRENCY = 8;

export interface ScenarioInput {
  appUrl: string;
  products: readonly StoredProduct[];
  carts: readonly StoredCart[];
  random: () => number;
}

/** The outcome of a scenario's own correctness check, such as "no acknowledged add was lost". */
export interface CheckResult {
  ok: boolean;
  summary: string;
  details: Record<string, number>;
}

export interface PreparedScenario {
  /** Returns the request builder for one target; the app's may count acknowledged writes. */
  requestsFor(target: TargetName): () => NextRequest;
  referenceBodies: ReferenceBody[];
  fallback: ReferenceBody;
  /** Checks the app's final state; `appUrl` is a freshly restarted app on the same data. */
  verify?: (appUrl: string) => Promise<CheckResult>;
}

/** A scenario that cannot run against this build of the app, with the reason to print. */
export interface SkippedScenario {
  skipped: string;
}

interface FetchedBody {
  status: number;
  contentType: string;
  body: string;
}

async function fetchBody(url: string, init?: RequestInit): Promise<FetchedBody> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    body: await response.text(),
  };
}

/** Fetches every path from the app, a few at a time, and returns the bodies by path. */
async function fetchAll(appUrl: string, paths: readonly string[]): Promise<Map<string, FetchedBody>> {
  const results = new Map<string, FetchedBody>();
  let index = 0;
  const worker = async (): Promise<void> => {
    while (index < paths.length) {
      const path = paths[index++] as string;
      results.set(path, await fetchBody(`${appUrl}${path}`));
    }
  };
  await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, worker));
  return results;
}

function sample<T>(random: () => number, items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, () => items[Math.floor(random() * items.length)] as T);
}

function randomPage(random: () => number, totalPages: number): number {
  return 1 + Math.floor(random() * totalPages);
}

function cycleOver(paths: readonly string[], random: () => number): () => NextRequest {
  return () => ({ method: 'GET', path: paths[Math.floor(random() * paths.length)] as string });
}

/** Builds a read-only scenario: fetches each path once, insists on a 200, and serves the bodies. */
async function readScenario(
  input: ScenarioInput,
  paths: readonly string[],
  options: { dropNon200?: boolean } = {},
): Promise<PreparedScenario | SkippedScenario> {
  const unique = [...new Set(paths)];
  const fetched = await fetchAll(input.appUrl, unique);

  const usable: string[] = [];
  const referenceBodies: ReferenceBody[] = [];
  for (const path of unique) {
    const response = fetched.get(path) as FetchedBody;
    if (response.status !== 200) {
      if (options.dropNon200) continue;
      throw new Error(
        `GET ${path} returned ${response.status} while preparing the scenario: ${response.body.slice(0, 300)}`,
      );
    }
    usable.push(path);
    referenceBodies.push({ url: path, contentType: response.contentType, body: response.body });
  }
  if (usable.length === 0) return { skipped: 'no sampled path returned 200' };

  const first = referenceBodies[0] as ReferenceBody;
  return {
    requestsFor: () => cycleOver(usable, input.random),
    referenceBodies,
    fallback: first,
  };
}

function listPaths(input: ScenarioInput): string[] {
  const totalPages = Math.max(1, Math.ceil(input.products.length / 10));
  return Array.from(
    { length: PATH_SAMPLE_SIZE },
    () => `/api/products?limit=10&page=${randomPage(input.random, totalPages)}`,
  );
}

async function filteredPaths(input: ScenarioInput): Promise<string[]> {
  const pagesByCategory = new Map<string, number>();
  for (const category of CATEGORIES) {
    const first = await fetchBody(
      `${input.appUrl}/api/products?category=${encodeURIComponent(category)}&sort=desc&available=true`,
    );
    if (first.status !== 200) throw new Error(`The filtered list of ${category} returned ${first.status}.`);
    pagesByCategory.set(category, (JSON.parse(first.body) as { totalPages: number }).totalPages);
  }
  return Array.from({ length: PATH_SAMPLE_SIZE }, () => {
    const category = CATEGORIES[Math.floor(input.random() * CATEGORIES.length)] as string;
    const page = randomPage(input.random, pagesByCategory.get(category) ?? 1);
    return `/api/products?category=${encodeURIComponent(category)}&sort=desc&available=true&page=${page}`;
  });
}

function searchPaths(): string[] {
  return SEARCH_WORDS.map((word) => `/api/products?q=${encodeURIComponent(word)}`);
}

function getPaths(input: ScenarioInput): string[] {
  return sample(input.random, input.products, ID_SAMPLE_SIZE).map(
    (product) => `/api/products/${product._id}`,
  );
}

/**
 * Builds `page-products`, or skips it with the reason when the app has no `/products` page yet (the
 * HTML pages are served by another part of the app, which may be missing from this build).
 */
async function pageProducts(input: ScenarioInput): Promise<PreparedScenario | SkippedScenario> {
  const probe = await fetchBody(`${input.appUrl}/products?page=1`, { headers: { accept: 'text/html' } });
  if (probe.status === 404) return { skipped: 'GET /products returned 404: the HTML pages are not served' };
  if (probe.status !== 200) throw new Error(`GET /products?page=1 returned ${probe.status}.`);

  const totalPages = Math.max(1, Math.ceil(input.products.length / 10));
  const paths = Array.from(
    { length: PATH_SAMPLE_SIZE },
    () => `/products?page=${randomPage(input.random, totalPages)}`,
  );
  return readScenario(input, paths, { dropNon200: true });
}

interface CartCount {
  cartId: string;
  productId: string;
  acknowledged: number;
}

/**
 * Builds `cart-add`: each of the carts gets adds of one unit for its own few products, which have
 * ample stock, so every add should succeed. The app's request builder counts each 200 per line. After
 * the run, `verify` reads every cart back from a restarted app. It counts acknowledged adds that are
 * missing (lost) and units beyond the acknowledged ones (extra: requests applied whose response was
 * never read, such as those in flight when autocannon stops).
 */
async function cartAdd(input: ScenarioInput): Promise<PreparedScenario> {
  const eligible = input.products.filter(
    (product) => product.status && product.stock >= CART_PRODUCT_MIN_STOCK,
  );
  if (eligible.length < PRODUCTS_PER_CART) {
    throw new Error(`cart-add needs ${PRODUCTS_PER_CART} products with stock >= ${CART_PRODUCT_MIN_STOCK}.`);
  }

  const lines: CartCount[] = [];
  input.carts.forEach((cart, cartIndex) => {
    for (let k = 0; k < PRODUCTS_PER_CART; k++) {
      const product = eligible[(cartIndex * PRODUCTS_PER_CART + k) % eligible.length] as StoredProduct;
      lines.push({ cartId: cart._id, productId: product._id, acknowledged: 0 });
    }
  });
  const body = JSON.stringify({ quantity: 1 });
  const addPath = (line: CartCount): string => `/api/carts/${line.cartId}/products/${line.productId}`;

  // One add per line of the first cart gives the references a cart body of the usual size.
  let sampleBody: FetchedBody | null = null;
  for (const line of lines.slice(0, PRODUCTS_PER_CART)) {
    sampleBody = await fetchBody(`${input.appUrl}${addPath(line)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (sampleBody.status !== 200) {
      throw new Error(
        `POST ${addPath(line)} returned ${sampleBody.status}: ${sampleBody.body.slice(0, 300)}`,
      );
    }
    line.acknowledged++;
  }
  const fallback = sampleBody as FetchedBody;

  return {
    requestsFor(target) {
      return () => {
        const line = lines[Math.floor(input.random() * lines.length)] as CartCount;
        const request: NextRequest = { method: 'POST', path: addPath(line), body };
        if (target === 'app') {
          request.onStatus = (status) => {
            if (status === 200) line.acknowledged++;
          };
        }
        return request;
      };
    },
    referenceBodies: [],
    fallback: { url: '', contentType: fallback.contentType, body: fallback.body },
    async verify(appUrl) {
      const expected = new Map<string, number>();
      for (const line of lines) expected.set(`${line.cartId}/${line.productId}`, line.acknowledged);

      let acknowledged = 0;
      let lost = 0;
      let extra = 0;
      for (const cart of input.carts) {
        const response = await fetchBody(`${appUrl}/api/carts/${cart._id}`);
        if (response.status !== 200)
          throw new Error(`GET /api/carts/${cart._id} returned ${response.status}.`);
        const stored = new Map<string, number>();
        const payload = (
          JSON.parse(response.body) as {
            payload: { products: { product: { _id: string }; quantity: number }[] };
          }
        ).payload;
        for (const line of payload.products) stored.set(line.product._id, line.quantity);

        for (const line of lines.filter((candidate) => candidate.cartId === cart._id)) {
          const quantity = stored.get(line.productId) ?? 0;
          acknowledged += line.acknowledged;
          if (quantity < line.acknowledged) lost += line.acknowledged - quantity;
          if (quantity > line.acknowledged) extra += quantity - line.acknowledged;
        }
      }
      return {
        ok: lost === 0,
        summary: `${acknowledged} acknowledged adds, ${lost} lost, ${extra} stored without acknowledgement (after a restart)`,
        details: { acknowledged, lost, extra },
      };
    },
  };
}

export async function prepareScenario(
  name: HttpScenarioName,
  input: ScenarioInput,
): Promise<PreparedScenario | SkippedScenario> {
  switch (name) {
    case 'list':
      return readScenario(input, listPaths(input));
    case 'list-filtered':
      return readScenario(input, await filteredPaths(input));
    case 'search':
      return readScenario(input, searchPaths());
    case 'get':
      return readScenario(input, getPaths(input));
    case 'page-products':
      return pageProducts(input);
    case 'cart-add':
      return cartAdd(input);
  }
}
