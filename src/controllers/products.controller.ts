import type { Request, Response } from 'express';
import type { ProductsService } from '../services/products.service.js';
import { success } from '../utils/envelope.js';
import { productEnvelopeJson, productListEnvelopeJson } from '../utils/product-json.js';
import { productCreateSchema, productUpdateSchema } from '../validation/product.schema.js';
import { parseProductListQuery } from '../validation/query.schema.js';
import { parseId, parseWith } from '../validation/validate.js';

/**
 * Sends JSON text built by hand with the headers `res.json` would set. It matches `res.json` only
 * while the app sets no `json replacer`, `json spaces` or `json escape`.
 */
function sendJson(res: Response, json: string): void {
  res.set('Content-Type', 'application/json').send(json);
}

export class ProductsController {
  constructor(private readonly service: ProductsService) {}

  list = async (req: Request, res: Response): Promise<void> => {
    const { query, linkParams } = parseProductListQuery(req.query, res.locals.lang);
    const { docs, ...pagination } = await this.service.list(query, { basePath: '/api/products', linkParams });
    sendJson(res, productListEnvelopeJson(docs, pagination));
  };

  getById = async (req: Request, res: Response): Promise<void> => {
    sendJson(res, productEnvelopeJson(await this.service.getById(parseId(req.params.pid))));
  };

  create = async (req: Request, res: Response): Promise<void> => {
    const input = parseWith(productCreateSchema, req.body, res.locals.lang);
    res.status(201).json(success(await this.service.create(input)));
  };

  update = async (req: Request, res: Response): Promise<void> => {
    const id = parseId(req.params.pid);
    const patch = parseWith(productUpdateSchema, req.body, res.locals.lang);
    res.json(success(await this.service.update(id, patch)));
  };

  delete = async (req: Request, res: Response): Promise<void> => {
    res.json(success(await this.service.delete(parseId(req.params.pid))));
  };
}
