/**
 * The contract that every store implements. Both stores return plain objects of exactly these shapes,
 * with keys in this order (responses are compared byte for byte across stores), string `_id`s and ISO
 * dates, and reject with the same AppError codes.
 */

export interface Product {
  _id: string;
  title: string;
  description: string;
  code: string;
  price: number;
  status: boolean;
  stock: number;
  category: string;
  thumbnails: string[];
  createdAt: string;
  updatedAt: string;
}

export type ProductInput = Omit<Product, '_id' | 'createdAt' | 'updatedAt'>;
export type ProductPatch = Partial<ProductInput>;

export interface CartLine {
  product: string;
  quantity: number;
}

/** A cart as stored: lines reference products by id, in the order they were first added. */
export interface CartRecord {
  _id: string;
  products: CartLine[];
  createdAt: string;
  updatedAt: string;
}

export interface Message {
  _id: string;
  user: string;
  message: string;
  createdAt: string;
}

export type MessageInput = Pick<Message, 'user' | 'message'>;

export type PriceSort = 'asc' | 'desc';

/** A validated product list query. `category` is already lower-cased. */
export interface ProductQuery {
  limit: number;
  page: number;
  sort?: PriceSort;
  category?: string;
  status?: boolean;
  available?: boolean;
  q?: string;
}

export interface ProductPage {
  docs: Product[];
  totalDocs: number;
}

export interface ProductsManager {
  list(query: ProductQuery): Promise<ProductPage>;
  /** Returns null when no product has this id. */
  getById(id: string): Promise<Product | null>;
  /** Returns the products that exist among `ids`, in no particular order. */
  getByIds(ids: readonly string[]): Promise<Product[]>;
  /** Lists the distinct categories as stored, sorted case-insensitively. */
  listCategories(): Promise<string[]>;
  /** Throws CODE_ALREADY_EXISTS when the code is taken. */
  create(input: ProductInput): Promise<Product>;
  /** Throws PRODUCT_NOT_FOUND, or CODE_ALREADY_EXISTS when the new code is taken. */
  update(id: string, patch: ProductPatch): Promise<Product>;
  /** Throws PRODUCT_NOT_FOUND. */
  delete(id: string): Promise<Product>;
  count(): Promise<number>;
  /** Removes every product; used by the seed and store-copy scripts. */
  clear(): Promise<void>;
  /** Inserts products with their ids and timestamps as given; used by the seed and store-copy scripts. */
  importMany(products: readonly Product[]): Promise<void>;
  /** Streams every product in `_id` order; used by the store-copy script. */
  exportAll(): Promise<Product[]>;
}

export interface CartsManager {
  create(): Promise<CartRecord>;
  /** Returns null when no cart has this id. */
  getById(id: string): Promise<CartRecord | null>;
  /**
   * Adds `quantity` to the line of `productId`, creating it at the end when absent. Throws CART_NOT_FOUND,
   * or INSUFFICIENT_STOCK when the line would exceed `stock`. Concurrent adds through one app never lose a
   * unit or create two lines for one product; across app instances that needs a server with atomic updates.
   */
  addToLine(cartId: string, productId: string, quantity: number, stock: number): Promise<CartRecord>;
  /** Sets the quantity of an existing line. Throws CART_NOT_FOUND or PRODUCT_NOT_IN_CART. */
  setLineQuantity(cartId: string, productId: string, quantity: number): Promise<CartRecord>;
  /** Throws CART_NOT_FOUND or PRODUCT_NOT_IN_CART. */
  removeLine(cartId: string, productId: string): Promise<CartRecord>;
  /** Replaces every line. Throws CART_NOT_FOUND. */
  replaceLines(cartId: string, lines: readonly CartLine[]): Promise<CartRecord>;
  /** Removes the lines of this product from every cart. */
  removeProductEverywhere(productId: string): Promise<void>;
  clear(): Promise<void>;
  importMany(carts: readonly CartRecord[]): Promise<void>;
  exportAll(): Promise<CartRecord[]>;
  count(): Promise<number>;
}

export interface MessagePage {
  /** Oldest first. */
  docs: Message[];
  /** The id to pass as `before` for the previous page, or null when there are no older messages. */
  nextBefore: string | null;
}

export interface MessagesManager {
  create(input: MessageInput): Promise<Message>;
  /** The `limit` newest messages with an id below `before` (or the newest overall). */
  listBefore(limit: number, before?: string): Promise<MessagePage>;
  clear(): Promise<void>;
  importMany(messages: readonly Message[]): Promise<void>;
  exportAll(): Promise<Message[]>;
  count(): Promise<number>;
}

export type StoreKind = 'fs' | 'mongo';

/** One persistence backend: its three managers plus its lifecycle. */
export interface Store {
  readonly kind: StoreKind;
  readonly products: ProductsManager;
  readonly carts: CartsManager;
  readonly messages: MessagesManager;
  /** Resolves when the backend responds, and rejects with STORE_UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  /** Waits for pending writes and releases files or connections. */
  close(): Promise<void>;
}
