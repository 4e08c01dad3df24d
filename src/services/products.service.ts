import type {
  Product,
  ProductInput,
  ProductPatch,
  ProductQuery,
  ProductsManager,
  CartsManager,
} from '../dao/managers/manager.types.js';
import { AppError, NotFoundError } from '../errors/app.error.js';
import type { ShopEvents } from './shop.events.js';

export interface ProductListResult {
  docs: Product[];
  totalDocs: number;
  limit: number;
  totalPages: number;
  page: number;
  prevPage: number | null;
  nextPage: number | null;
  hasPrevPage: boolean;
  hasNextPage: boolean;
  prevLink: string | null;
  nextLink: string | null;
}

export interface ListOptions {
  /** Path the prev/next links point to, such as `/api/products` or `/products`. */
  basePath: string;
  /** Filter and sort parameters to repeat in the links, in order. */
  linkParams: readonly [string, string][];
}

export function pageLink(
  basePath: string,
  limit: number,
  page: number,
  params: readonly [string, string][],
): string {
  const search = new URLSearchParams([['limit', String(limit)], ['page', String(page)], ...params]);
  return `${basePath}?${search.toString()}`;
}

export interface ProductsServiceDeps {
  products: ProductsManager;
  carts: CartsManager;
  events: ShopEvents;
}

export class ProductsService {
  constructor(private readonly deps: ProductsServiceDeps) {}

  /** Lists one page. Throws PAGE_OUT_OF_RANGE when `page` is past the last page. */
  async list(query: ProductQuery, options: ListOptions): Promise<ProductListResult> {
    const { docs, totalDocs } = await this.deps.products.list(query);

    const totalPages = Math.max(1, Math.ceil(totalDocs / query.limit));
    if (query.page > totalPages) {
      throw new AppError('PAGE_OUT_OF_RANGE', { params: { page: query.page, totalPages } });
    }

    const hasPrevPage = query.page > 1;
    const hasNextPage = query.page < totalPages;
    const prevPage = hasPrevPage ? query.page - 1 : null;
    const nextPage = hasNextPage ? query.page + 1 : null;
    return {
      docs,
      totalDocs,
      limit: query.limit,
      totalPages,
      page: query.page,
      prevPage,
      nextPage,
      hasPrevPage,
      hasNextPage,
      prevLink:
        prevPage === null ? null : pageLink(options.basePath, query.limit, prevPage, options.linkParams),
      nextLink:
        nextPage === null ? null : pageLink(options.basePath, query.limit, nextPage, options.linkParams),
    };
  }

  async getById(id: string): Promise<Product> {
    const product = await this.deps.products.getById(id);
    if (!product) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id } });
    return product;
  }

  listCategories(): Promise<string[]> {
    return this.deps.products.listCategories();
  }

  async create(input: ProductInput): Promise<Product> {
    const product = await this.deps.products.create(input);
    this.deps.events.emit('product:created', product);
    return product;
  }

  async update(id: string, patch: ProductPatch): Promise<Product> {
    const product = await this.deps.products.update(id, patch);
    this.deps.events.emit('product:updated', product);
    return product;
  }

  /** Deletes the product and then its lines in every cart; carts skip lines of missing products anyway. */
  async delete(id: string): Promise<Product> {
    const product = await this.deps.products.delete(id);
    this.deps.events.emit('product:deleted', { _id: product._id });

    await this.deps.carts.removeProductEverywhere(product._id);
    return product;
  }
}
