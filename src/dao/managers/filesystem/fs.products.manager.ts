import { ConflictError, NotFoundError } from '../../../errors/app.error.js';
import { newObjectId } from '../../../utils/object-id.js';
import { compareStrings, insertSorted, removeSorted } from '../../../utils/sorted-array.js';
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

/**
 * Products held in memory and written through to `products.json`. Two indexes are kept up to date on
 * every write (by `_id` and by price), so a list request filters a pre-sorted array and never sorts.
 */
export class FsProductsManager implements ProductsManager {
  private readonly products = new Map<string, Product>();
  private readonly idsByCode = new Map<string, string>();
  private readonly sortedById: Product[];
  private readonly sortedByPrice: Product[];

  private readonly file: DurableJsonFile;

  constructor(file: string, initial: readonly Product[]) {
    this.file = new DurableJsonFile(file, () => JSON.stringify(this.sortedById));
    for (const product of initial) {
      this.products.set(product._id, product);
      this.idsByCode.set(product.code, product._id);
    }
    this.sortedById = [...this.products.values()].sort(byId);
    this.sortedByPrice = [...this.products.values()].sort(byPrice);
  }

  async list(query: ProductQuery): Promise<ProductPage> {
    const ordered: Iterable<Product> =
      query.sort === 'asc'
        ? this.sortedByPrice
        : query.sort === 'desc'
          ? descendingByPrice(this.sortedByPrice)
          : this.sortedById;
    const skip = (query.page - 1) * query.limit;

    const docs: Product[] = [];
    let totalDocs = 0;
    for (const product of ordered) {
      if (!matches(product, query)) continue;
      if (totalDocs >= skip && docs.length < query.limit) docs.push(toProduct(product));
      totalDocs++;
    }
    return { docs, totalDocs };
  }

  async getById(id: string): Promise<Product | null> {
    const product = this.products.get(id);
    return product ? toProduct(product) : null;
  }

  async getByIds(ids: readonly string[]): Promise<Product[]> {
    const found: Product[] = [];
    for (const id of new Set(ids)) {
      const product = this.products.get(id);
      if (product) found.push(toProduct(product));
    }
    return found;
  }

  async listCategories(): Promise<string[]> {
    const categories = new Map<string, string>();
    for (const product of this.sortedById) {
      const key = product.category.toLowerCase();
      if (!categories.has(key)) categories.set(key, product.category);
    }
    return [...categories.values()].sort((a, b) => a.localeCompare(b, 'es', { sensitivity: 'base' }));
  }

  async create(input: ProductInput): Promise<Product> {
    if (this.idsByCode.has(input.code)) {
      throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: input.code } });
    }

    const now = new Date().toISOString();
    const product = toProduct({ _id: newObjectId(), ...input, createdAt: now, updatedAt: now });
    this.index(product);

    await this.file.commit();
    return toProduct(product);
  }

  async update(id: string, patch: ProductPatch): Promise<Product> {
    const current = this.products.get(id);
    if (!current) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id } });
    if (patch.code !== undefined && patch.code !== current.code && this.idsByCode.has(patch.code)) {
      throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: patch.code } });
    }

    const updated = toProduct({ ...current, ...patch, updatedAt: new Date().toISOString() });
    this.unindex(current);
    this.index(updated);

    await this.file.commit();
    return toProduct(updated);
  }

  async delete(id: string): Promise<Product> {
    const current = this.products.get(id);
    if (!current) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id } });

    this.unindex(current);

    await this.file.commit();
    return toProduct(current);
  }

  async count(): Promise<number> {
    return this.products.size;
  }

  async clear(): Promise<void> {
    this.products.clear();
    this.idsByCode.clear();
    this.sortedById.length = 0;
    this.sortedByPrice.length = 0;
    await this.file.commit();
  }

  async importMany(products: readonly Product[]): Promise<void> {
    for (const product of products) {
      if (this.products.has(product._id) || this.idsByCode.has(product.code)) {
        throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: product.code } });
      }
    }
    for (const product of products) this.index(toProduct(product));
    await this.file.commit();
  }

  async exportAll(): Promise<Product[]> {
    return this.sortedById.map(toProduct);
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  private index(product: Product): void {
    this.products.set(product._id, product);
    this.idsByCode.set(product.code, product._id);
    insertSorted(this.sortedById, product, byId);
    insertSorted(this.sortedByPrice, product, byPrice);
  }

  private unindex(product: Product): void {
    this.products.delete(product._id);
    this.idsByCode.delete(product.code);
    removeSorted(this.sortedById, product, byId);
    removeSorted(this.sortedByPrice, product, byPrice);
  }
}
