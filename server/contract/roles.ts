/** Who may call a route: the roles of prontivia's accounts (an escort rides runs: issue 12). */
import { z } from 'zod';

export const RoleSchema = z.enum(['coordinator', 'driver', 'family', 'escort']);
export type Role = z.infer<typeof RoleSchema>;
