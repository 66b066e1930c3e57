/**
 * GET /api/openapi.json and GET /api/docs, built on first request from every registered
 * operation (so routers mounted after this one are included).
 */
import { Router } from 'express';
import { docsPage } from './docs-page.ts';
import { openapiDocument } from './document.ts';
import type { OperationRegistry } from './registry.ts';

export function openapiRouter(registry: OperationRegistry): Router {
  const router = Router();
  let cached: { doc: Record<string, unknown>; html: string } | undefined;
  const build = () => {
    if (!cached) {
      const doc = openapiDocument(registry.all());
      cached = { doc, html: docsPage(doc) };
    }
    return cached;
  };
  router.get('/api/openapi.json', (_req, res) => {
    res.json(build().doc);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(build().html);
  });
  return router;
}
