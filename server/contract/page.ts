/**
 * A paged list in the API contract: the `page` and `pageSize` of the query (1-based; 50 a page
 * unless asked, at most 500) and the page the server answers with, its items and the total
 * count. Accounts, the audit log and the managed entities page this way.
 */
import { z } from 'zod';

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** One page of `item`s. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
