import { ConflictError, NotFoundError } from '../../../errors/app.error.js';
import { newObjectId } from '../../../utils/object-id.js';
import { productJson } from '../../../utils/product-json.js';
import { compareStrings, insertSorted, isSorted, removeSorted } from '../../../utils/sorted-array.js';
import type {
  Product,
  ProductInput,
  ProductPage,
  ProductPatch,
  ProductQuery,
  ProductsManager,
} from '../manager.types.js';
import { toProduct } from '../shapes.js';
import { DurableJsonFile } from './json.file.js';

const byId = (a: Product, b: Product): number => compareStrings(a._id, b._id);
const byPrice = (a: Product, b: Product): number => a.price - b.price || compareStrings(a._id, b._id);

function matches(product: Product, query: ProductQuery): boolean {
  if (query.category !== undefined && product.category.toLowerCase() !== query.category) return false;
  if (query.status !== undefined && product.status !== query.status) return false;
  if (query.available !== undefined && (product.status && product.stock > 0) !== query.available)
    return false;
  if (query.q !== undefined) {
    const needle = query.q.toLowerCase();
    return (
      product.title.toLowerCase().includes(needle) ||
      product.description.toLowerCase().includes(needle) ||
      product.code.toLowerCase().includes(needle)
    );
  }
  return true;
}

/** Walks the price index from the most expensive down, keeping `_id` ascending among equal prices. */
function* descendingByPrice(sorted: readonly Product[]): Generator<Product> {
  let end = sorted.length - 1;
  while (end >= 0) {
    const price = (sorted[end] as Product).price;
    let start = end;
    while (start > 0 && (sorted[start - 1] as Product).price === price) start--;
    for (let i = start; i <= end; i++) yield sorted[i] as Product;
    end = start - 1;
  }
}

/** Most product references that the cached list views may hold together (8 bytes each). */
const MAX_CACHED_VIEW_ENTRIES = 1_000_000;

/** Returns a stored product frozen, with its thumbnails, so it can be handed out without a copy. */
function freezeProduct(product: Product): Product {
  Object.freeze(product.thumbnails);
  return Object.freeze(product);
}

/** Identifies the products and order of a list query, whatever its page and limit. */
function viewKey(query: ProductQuery): string {
  return JSON.stringify([query.sort, query.category, query.status, query.available, query.q]);
}

/**
 * Products held in memory and written through to `products.json`. Two indexes are kept up to date on
 * every write (by `_id` and by price), so a list request filters a pre-sorted array and never sorts.
 * The filtered result of each query (its "view") is cached until the next write, so paging through
 * it is a slice. Stored products are frozen and returned as they are, never copied per request.
 */
export class FsProductsManager implements ProductsManager {
  private readonly products = new Map<string, Product>();
  private readonly idsByCode = new Map<string, string>();
  private readonly sortedById: Product[];
  private readonly sortedByPrice: Product[];

  private readonly file: DurableJsonFile;

  /** Filtered and ordered products by `viewKey`, oldest first; emptied on every write. */
  private readonly views = new Map<string, readonly Product[]>();
  private cachedViewEntries = 0;
  private categories: string[] | null = null;

  constructor(file: string, initial: readonly Product[]) {
    // The same text as JSON.stringify(this.sortedById), but each unchanged product's JSON comes from
    // the cache, so a write of a large catalogue re-serialises only the products that changed.
    this.file = new DurableJsonFile(file, () => `[${this.sortedById.map(productJson).join(',')}]`);
    for (const product of initial) {
      freezeProduct(product);
      this.products.set(product._id, product);
      this.idsByCode.set(product.code, product._id);
    }
    // products.json is written in `_id` order, so the sort is skipped unless the file was edited.
    const loaded = [...this.products.values()];
    this.sortedById = isSorted(loaded, byId) ? loaded : loaded.sort(byId);
    this.sortedByPrice = [...this.products.values()].sort(byPrice);
  }

  async list(query: ProductQuery): Promise<ProductPage> {
    const view = this.view(query);
    const skip = (query.page - 1) * query.limit;
    return { docs: view.slice(skip, skip + query.limit), totalDocs: view.length };
  }

  async getById(id: string): Promise<Product | null> {
    return this.products.get(id) ?? null;
  }

  async getByIds(ids: readonly string[]): Promise<Product[]> {
    const found: Product[] = [];
    for (const id of new Set(ids)) {
      const product = this.products.get(id);
      if (product) found.push(product);
    }
    return found;
  }

  async listCategories(): Promise<string[]> {
    if (this.categories === null) {
      const categories = new Map<string, string>();
      for (const product of this.sortedById) {
        const key = product.category.toLowerCase();
        if (!categories.has(key)) categories.set(key, product.category);
      }
      this.categories = [...categories.values()].sort((a, b) =>
        a.localeCompare(b, 'es', { sensitivity: 'base' }),
      );
    }
    return [...this.categories];
  }

  async create(input: ProductInput): Promise<Product> {
    if (this.idsByCode.has(input.code)) {
      throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: input.code } });
    }

    const now = new Date().toISOString();
    const product = freezeProduct(
      toProduct({ _id: newObjectId(), ...input, createdAt: now, updatedAt: now }),
    );
    this.index(product);

    await this.file.commit();
    return product;
  }

  async update(id: string, patch: ProductPatch): Promise<Product> {
    const current = this.products.get(id);
    if (!current) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id } });
    if (patch.code !== undefined && patch.code !== current.code && this.idsByCode.has(patch.code)) {
      throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: patch.code } });
    }

    const updated = freezeProduct(toProduct({ ...current, ...patch, updatedAt: new Date().toISOString() }));
    this.unindex(current);
    this.index(updated);

    await this.file.commit();
    return updated;
  }

  async delete(id: string): Promise<Product> {
    const current = this.products.get(id);
    if (!current) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id } });

    this.unindex(current);

    await this.file.commit();
    return current;
  }

  async count(): Promise<number> {
    return this.products.size;
  }

  async clear(): Promise<void> {
    this.products.clear();
    this.idsByCode.clear();
    this.sortedById.length = 0;
    this.sortedByPrice.length = 0;
    this.invalidateViews();
    await this.file.commit();
  }

  async importMany(products: readonly Product[]): Promise<void> {
    for (const product of products) {
      if (this.products.has(product._id) || this.idsByCode.has(product.code)) {
        throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: product.code } });
      }
    }
    for (const product of products) this.index(freezeProduct(toProduct(product)));
    await this.file.commit();
  }

  async exportAll(): Promise<Product[]> {
    return [...this.sortedById];
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  /** Returns the products that match `query`, in its order, from the cache or by one scan. */
  private view(query: ProductQuery): readonly Product[] {
    const filtered =
      query.category !== undefined ||
      query.status !== undefined ||
      query.available !== undefined ||
      query.q !== undefined;
    if (!filtered && query.sort === undefined) return this.sortedById;
    if (!filtered && query.sort === 'asc') return this.sortedByPrice;

    const key = viewKey(query);
    const cached = this.views.get(key);
    if (cached) return cached;

    const ordered: Iterable<Product> =
      query.sort === 'asc'
        ? this.sortedByPrice
        : query.sort === 'desc'
          ? descendingByPrice(this.sortedByPrice)
          : this.sortedById;
    const view: Product[] = [];
    for (const product of ordered) {
      if (matches(product, query)) view.push(product);
    }
    this.cacheView(key, view);
    return view;
  }

  /** Caches a view, dropping the oldest ones while the cache contains more than its budget of entries. */
  private cacheView(key: string, view: readonly Product[]): void {
    if (view.length > MAX_CACHED_VIEW_ENTRIES) return;
    this.views.set(key, view);
    this.cachedViewEntries += view.length;
    for (const [oldKey, oldView] of this.views) {
      if (this.cachedViewEntries <= MAX_CACHED_VIEW_ENTRIES) break;
      this.views.delete(oldKey);
      this.cachedViewEntries -= oldView.length;
    }
  }

  private invalidateViews(): void {
    this.views.clear();
    this.cachedViewEntries = 0;
    this.categories = null;
  }

  private index(product: Product): void {
    this.invalidateViews();
    this.products.set(product._id, product);
    this.idsByCode.set(product.code, product._id);
    insertSorted(this.sortedById, product, byId);
    insertSorted(this.sortedByPrice, product, byPrice);
  }

  private unindex(product: Product): void {
    this.invalidateViews();
    this.products.delete(product._id);
    this.idsByCode.delete(product.code);
    removeSorted(this.sortedById, product, byId);
    removeSorted(this.sortedByPrice, product, byPrice);
  }
}
