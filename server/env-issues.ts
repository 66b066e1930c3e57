/**
 * How every configuration error reads: one line per bad variable, naming it and the value it
 * had, so the server, the worker and the CLIs stop with the same kind of message.
 */
import type { z } from 'zod';

export function envIssueLines(error: z.ZodError, env: Record<string, string | undefined>): string {
  return error.issues
    .map((i) => {
      const name = String(i.path[0] ?? '?');
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
    })
    .join('\n');
}
