import { z } from 'zod';
import { objectIdSchema, messageRecordSchema, productRecordSchema } from '../dao/managers/record.schemas.js';
import { ERROR_STATUS } from '../errors/app.error.js';
import { addToCartSchema, replaceCartSchema, setQuantitySchema } from '../validation/cart.schema.js';
import { messageSchema } from '../validation/message.schema.js';
import { productCreateSchema, productUpdateSchema } from '../validation/product.schema.js';

type JsonSchema = Record<string, unknown>;

/**
 * Converts a request schema to JSON Schema as a client must send it. Form-friendly fields are zod
 * preprocessors, which JSON Schema cannot express, so they are documented by the type they convert to.
 */
function requestSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (context) => {
      const def = (context.zodSchema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
      const input = def.in as { _zod?: { def: { type: string } } } | undefined;
      if (def.type === 'pipe' && input?._zod?.def.type === 'transform') {
        Object.assign(context.jsonSchema, requestSchema(def.out as z.ZodType));
      }
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

function responseSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'output' }) as JsonSchema;
  delete json.$schema;
  return json;
}

const objectId = objectIdSchema;
const product = productRecordSchema;
const message = messageRecordSchema;
const isoDate = z.string();

const cart = z.object({
  _id: objectId,
  products: z.array(z.object({ product, quantity: z.number().int() })),
  total: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const errorEnvelope = z.object({
  status: z.literal('error'),
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const success = (payload: z.ZodType) => z.object({ status: z.literal('success'), payload });

const productPage = success(z.array(product)).extend({
  totalDocs: z.number().int(),
  limit: z.number().int(),
  totalPages: z.number().int(),
  page: z.number().int(),
  prevPage: z.number().int().nullable(),
  nextPage: z.number().int().nullable(),
  hasPrevPage: z.boolean(),
  hasNextPage: z.boolean(),
  prevLink: z.string().nullable(),
  nextLink: z.string().nullable(),
});

const messagePage = success(z.array(message)).extend({ nextBefore: objectId.nullable() });

const health = z.object({
  status: z.enum(['ok', 'error']),
  store: z.enum(['fs', 'mongo']),
  error: errorEnvelope.shape.error.optional(),
});

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

const errorResponses = (statuses: number[]) =>
  Object.fromEntries(
    [...new Set([...statuses, 413, 415, 429, 500, 503])].map((status) => [
      String(status),
      {
        description: 'Error envelope; `error.code` tells the cause',
        content: json({ $ref: '#/components/schemas/Error' }),
      },
    ]),
  );

const ok = (description: string, ref: string, status = '200') => ({
  [status]: { description, content: json({ $ref: `#/components/schemas/${ref}` }) },
});

const body = (schema: JsonSchema, required = true) => ({
  required,
  content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } },
});

const pathId = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern: '^[0-9a-f]{24}$' },
});

const query = (name: string, schema: JsonSchema, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const cid = pathId('cid', 'Cart id');
const pid = pathId('pid', 'Product id');

function cartLineOperations(spelling: string) {
  return {
    post: {
      operationId: `addToCart_${spelling}`,
      summary: 'Add units of a product to a cart',
      parameters: [cid, pid],
      requestBody: body(requestSchema(addToCartSchema), false),
      responses: { ...ok('The cart', 'CartEnvelope'), ...errorResponses([400, 404, 409]) },
    },
    put: {
      operationId: `setCartLine_${spelling}`,
      summary: 'Set the quantity of a line',
      parameters: [cid, pid],
      requestBody: body(requestSchema(setQuantitySchema)),
      responses: { ...ok('The cart', 'CartEnvelope'), ...errorResponses([400, 404, 409]) },
    },
    delete: {
      operationId: `removeCartLine_${spelling}`,
      summary: 'Remove a line',
      parameters: [cid, pid],
      responses: { ...ok('The cart', 'CartEnvelope'), ...errorResponses([400, 404]) },
    },
  };
}

/** Builds the OpenAPI 3.1 document of the HTTP API from the schemas the routes validate with. */
export function buildOpenApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tienda API',
      version: '0.1.0',
      description:
        'Catalogue, carts and chat of a small shop. Messages are Spanish by default; add `?lang=en` or ' +
        '`Accept-Language: en` for English. Clients switch on `error.code`.',
    },
    paths: {
      '/api/products': {
        get: {
          operationId: 'listProducts',
          summary: 'List one page of products',
          parameters: [
            query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 10 }, 'Page size'),
            query('page', { type: 'integer', minimum: 1, default: 1 }, 'Page number'),
            query('sort', { type: 'string', enum: ['asc', 'desc'] }, 'Sort by price; ties by _id'),
            query('category', { type: 'string', maxLength: 100 }, 'Exact category, any case'),
            query('status', { type: 'boolean' }, 'Filter by status'),
            query('available', { type: 'boolean' }, 'On sale and in stock'),
            query('q', { type: 'string', maxLength: 200 }, 'Literal text in title, description or code'),
            query(
              'query',
              { type: 'string', maxLength: 200 },
              'category:<name>, status:<bool>, available:<bool> or a category',
            ),
          ],
          responses: { ...ok('One page of products', 'ProductPage'), ...errorResponses([400, 404]) },
        },
        post: {
          operationId: 'createProduct',
          summary: 'Create a product',
          requestBody: body(requestSchema(productCreateSchema)),
          responses: { ...ok('The new product', 'ProductEnvelope', '201'), ...errorResponses([400, 409]) },
        },
      },
      '/api/products/{pid}': {
        get: {
          operationId: 'getProduct',
          parameters: [pid],
          responses: { ...ok('The product', 'ProductEnvelope'), ...errorResponses([400, 404]) },
        },
        put: {
          operationId: 'updateProduct',
          summary: 'Change some fields of a product',
          parameters: [pid],
          requestBody: body(requestSchema(productUpdateSchema)),
          responses: { ...ok('The updated product', 'ProductEnvelope'), ...errorResponses([400, 404, 409]) },
        },
        delete: {
          operationId: 'deleteProduct',
          summary: 'Delete a product and its lines in every cart',
          parameters: [pid],
          responses: { ...ok('The deleted product', 'ProductEnvelope'), ...errorResponses([400, 404]) },
        },
      },
      '/api/carts': {
        post: {
          operationId: 'createCart',
          responses: { ...ok('An empty cart', 'CartEnvelope', '201'), ...errorResponses([]) },
        },
      },
      '/api/carts/{cid}': {
        get: {
          operationId: 'getCart',
          parameters: [cid],
          responses: {
            ...ok('The cart with populated lines and total', 'CartEnvelope'),
            ...errorResponses([400, 404]),
          },
        },
        put: {
          operationId: 'replaceCart',
          summary: 'Replace every line; repeated products are merged',
          parameters: [cid],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    requestSchema(replaceCartSchema),
                    {
                      type: 'object',
                      properties: { products: requestSchema(replaceCartSchema) },
                      required: ['products'],
                      additionalProperties: false,
                    },
                  ],
                },
              },
            },
          },
          responses: { ...ok('The cart', 'CartEnvelope'), ...errorResponses([400, 404, 409]) },
        },
        delete: {
          operationId: 'emptyCart',
          parameters: [cid],
          responses: { ...ok('The emptied cart', 'CartEnvelope'), ...errorResponses([400, 404]) },
        },
      },
      '/api/carts/{cid}/products/{pid}': cartLineOperations('products'),
      '/api/carts/{cid}/product/{pid}': cartLineOperations('product'),
      '/api/messages': {
        get: {
          operationId: 'listMessages',
          parameters: [
            query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'How many messages'),
            query(
              'before',
              { type: 'string', pattern: '^[0-9a-f]{24}$' },
              'Only messages older than this id',
            ),
          ],
          responses: { ...ok('Messages, oldest first', 'MessagePage'), ...errorResponses([400]) },
        },
        post: {
          operationId: 'createMessage',
          requestBody: body(requestSchema(messageSchema)),
          responses: { ...ok('The stored message', 'MessageEnvelope', '201'), ...errorResponses([400]) },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          responses: {
            '200': {
              description: 'The store responds',
              content: json({ $ref: '#/components/schemas/Health' }),
            },
            '503': {
              description: 'The store does not respond',
              content: json({ $ref: '#/components/schemas/Health' }),
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Product: responseSchema(product),
        Error: responseSchema(errorEnvelope),
        ProductEnvelope: responseSchema(success(product)),
        ProductPage: responseSchema(productPage),
        CartEnvelope: responseSchema(success(cart)),
        MessageEnvelope: responseSchema(success(message)),
        MessagePage: responseSchema(messagePage),
        Health: responseSchema(health),
      },
    },
  };
}
