import type { Request, Response } from 'express';
import type { CartsService } from '../services/carts.service.js';
import { success } from '../utils/envelope.js';
import { addToCartSchema, replaceCartSchema, setQuantitySchema } from '../validation/cart.schema.js';
import { parseId, parseWith } from '../validation/validate.js';

export class CartsController {
  constructor(private readonly service: CartsService) {}

  create = async (_req: Request, res: Response): Promise<void> => {
    res.status(201).json(success(await this.service.create()));
  };

  getById = async (req: Request, res: Response): Promise<void> => {
    res.json(success(await this.service.getById(parseId(req.params.cid))));
  };

  addProduct = async (req: Request, res: Response): Promise<void> => {
    const [cartId, productId] = [parseId(req.params.cid), parseId(req.params.pid)];
    const { quantity } = parseWith(addToCartSchema, req.body, res.locals.lang);
    res.json(success(await this.service.addProduct(cartId, productId, quantity)));
  };

  setQuantity = async (req: Request, res: Response): Promise<void> => {
    const [cartId, productId] = [parseId(req.params.cid), parseId(req.params.pid)];
    const { quantity } = parseWith(setQuantitySchema, req.body, res.locals.lang);
    res.json(success(await this.service.setQuantity(cartId, productId, quantity)));
  };

  removeProduct = async (req: Request, res: Response): Promise<void> => {
    const [cartId, productId] = [parseId(req.params.cid), parseId(req.params.pid)];
    res.json(success(await this.service.removeProduct(cartId, productId)));
  };

  replace = async (req: Request, res: Response): Promise<void> => {
    const cartId = parseId(req.params.cid);
    const lines = parseWith(replaceCartSchema, req.body, res.locals.lang);
    res.json(success(await this.service.replace(cartId, lines)));
  };

  clear = async (req: Request, res: Response): Promise<void> => {
    res.json(success(await this.service.clear(parseId(req.params.cid))));
  };
}
