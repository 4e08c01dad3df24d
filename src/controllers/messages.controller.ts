import type { Request, Response } from 'express';
import type { MessagesService } from '../services/messages.service.js';
import { success } from '../utils/envelope.js';
import { messageSchema } from '../validation/message.schema.js';
import { parseMessageListQuery } from '../validation/query.schema.js';
import { parseWith } from '../validation/validate.js';

export class MessagesController {
  constructor(private readonly service: MessagesService) {}

  list = async (req: Request, res: Response): Promise<void> => {
    const { limit, before } = parseMessageListQuery(req.query, res.locals.lang);
    const { docs, nextBefore } = await this.service.list(limit, before);
    res.json({ ...success(docs), nextBefore });
  };

  create = async (req: Request, res: Response): Promise<void> => {
    const input = parseWith(messageSchema, req.body, res.locals.lang);
    res.status(201).json(success(await this.service.create(input)));
  };
}
