import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Product } from '../src/dao/managers/manager.types.js';

/** A product record exactly as the fs store keeps it in `products.json`. */
export type StoredProduct = Product;

export const CATEGORIES = [
  'Ropa',
  'Calzado',
  'Electrónica',
  'Hogar',
  'Cocina',
  'Jardín',
  'Deportes',
  'Juguetes',
  'Libros',
  'Música',
  'Belleza',
  'Salud',
  'Mascotas',
  'Oficina',
  'Herramientas',
  'Automóvil',
  'Bebés',
  'Joyería',
  'Papelería',
  'Alimentos',
] as const;

const WORDS = (
  'camiseta pantalón zapatilla mochila lámpara mesa silla cojín taza sartén olla cuchillo maceta ' +
  'pelota raqueta bicicleta muñeca puzzle novela cuaderno guitarra auriculares altavoz cargador cable ' +
  'teclado ratón monitor crema champú perfume collar pulsera reloj anillo bolígrafo carpeta taladro ' +
  'martillo llave alfombra cortina manta toalla vaso plato botella termo cepillo peine espejo ' +
  'algodón lana cuero madera acero vidrio bambú cerámica plástico reciclado natural suave resistente ' +
  'ligero compacto elegante clásico moderno práctico cómodo duradero ecológico artesanal premium ' +
  'azul rojo verde negro blanco gris marrón rosa amarillo naranja morado beige dorado plateado ' +
  'grande pequeño mediano doble triple familiar infantil adulto unisex portátil plegable ajustable ' +
  'para con sin de uso diario viaje casa oficina exterior interior invierno verano fiesta regalo'
).split(' ');

/**
 * Words that the `search` scenario looks for: some appear in many products, some in few, so both
 * long and short result lists are measured.
 */
export const SEARCH_WORDS = [
  'camiseta',
  'lámpara',
  'guitarra',
  'bambú',
  'resistente',
  'elegante',
  'azul',
  'plateado',
  'portátil',
  'invierno',
  'regalo',
  'termo',
  'taladro',
  'artesanal',
  'cerámica',
  'auriculares',
  'pulsera',
  'plegable',
  'dorado',
  'familiar',
];

/** Mulberry32: a small seeded generator, so every run builds the same catalogue for a given N. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function integerBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function sentence(random: () => number, minWords: number, maxWords: number): string {
  const count = integerBetween(random, minWords, maxWords);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(pick(random, WORDS));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One January 2026 timestamp, in seconds, to which product `i` adds `i` seconds. */
const FIRST_SECOND = Date.UTC(2026, 0, 1) / 1000;

/** Builds an ObjectId-shaped id (seconds, 10 fixed hex digits, counter) that sorts by `index`. */
function productId(index: number): string {
  const seconds = (FIRST_SECOND + index).toString(16).padStart(8, '0');
  return `${seconds}be4c40000${(index % 16).toString(16)}${index.toString(16).padStart(6, '0')}`;
}

/**
 * Generates `count` products with the field sizes of a real catalogue: titles of 3 to 8 words,
 * descriptions of 20 to 70 words, 0 to 3 thumbnail URLs, 20 categories, about 5% withdrawn and about
 * 10% out of stock.
 */
export function generateProducts(count: number, seed = 20260101): StoredProduct[] {
  const random = seededRandom(seed);
  const products: StoredProduct[] = [];
  for (let i = 0; i < count; i++) {
    const created = new Date((FIRST_SECOND + i) * 1000).toISOString();
    const thumbnails: string[] = [];
    const thumbnailCount = integerBetween(random, 0, 3);
    for (let t = 0; t < thumbnailCount; t++) {
      thumbnails.push(`https://cdn.tienda.example/img/${i.toString(36)}-${t}-800x800.webp`);
    }
    products.push({
      _id: productId(i),
      title: sentence(random, 3, 8),
      description: sentence(random, 20, 70),
      code: `SKU-${String(i).padStart(7, '0')}`,
      price: integerBetween(random, 100, 250_000) / 100,
      status: random() >= 0.05,
      stock: random() < 0.1 ? 0 : integerBetween(random, 1, 2000),
      category: pick(random, CATEGORIES),
      thumbnails,
      createdAt: created,
      updatedAt: created,
    });
  }
  return products;
}

/** An empty cart record as the fs store keeps it in `carts.json`. */
export interface StoredCart {
  _id: string;
  products: { product: string; quantity: number }[];
  createdAt: string;
  updatedAt: string;
}

export function generateCarts(count: number): StoredCart[] {
  const created = new Date(FIRST_SECOND * 1000).toISOString();
  const carts: StoredCart[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${FIRST_SECOND.toString(16)}ca47000000${i.toString(16).padStart(6, '0')}`;
    carts.push({ _id: id, products: [], createdAt: created, updatedAt: created });
  }
  return carts;
}

/** Writes the store files straight into `dataDir`, as the app reads them at start. */
export async function writeStore(
  dataDir: string,
  products: readonly StoredProduct[],
  carts: readonly StoredCart[],
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'products.json'), JSON.stringify(products));
  await writeFile(path.join(dataDir, 'carts.json'), JSON.stringify(carts));
  await writeFile(path.join(dataDir, 'messages.json'), '[]');
}
