import { Router } from 'express';
import { MessagesController } from '../controllers/messages.controller.js';
import type { MessagesService } from '../services/messages.service.js';

export function messagesRouter(service: MessagesService): Router {
  const controller = new MessagesController(service);
  return Router().get('/', controller.list).post('/', controller.create);
}
