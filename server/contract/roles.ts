/** Who may call a route: the three roles of prontivia's accounts. */
import { z } from 'zod';

export const RoleSchema = z.enum(['coordinator', 'driver', 'family']);
export type Role = z.infer<typeof RoleSchema>;
