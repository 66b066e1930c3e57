/**
 * The accounts calls of the web app, typed by server/contract/accounts.ts: the coordinator's
 * account management and everyone's own password change. It authenticates with the session
 * cookie set at login and the double-submit CSRF header from /api/auth/me (as docs/server.md
 * describes), so it needs nothing private of api/client.ts and can sit beside the views that use it.
 */
import { z } from 'zod';
import {
  AccountPageSchema, AccountSchema, AccountWithPasswordSchema,
  type Account, type AccountRole, type NewAccountInput,
} from '../../../server/contract/accounts.ts';
import { ApiError } from '../../api/client.ts';

/** One field the server refused, as the error body names it. */
export interface FieldProblem { path: string; message: string }

/** An ApiError that also carries the fields the server named, so a form can mark them. */
export class AccountsError extends ApiError {
  constructor(status: number, code: string, message: string, readonly fields: FieldProblem[]) {
    super(status, code, message);
  }
}

const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export class AccountsApi {
  private csrfToken: string | null = null;

  constructor(private readonly base = '') {}

  private async csrf(): Promise<string> {
    if (!this.csrfToken) {
      const me = await this.call('GET', '/api/auth/me', z.object({ csrfToken: z.string() }));
      this.csrfToken = me.csrfToken;
    }
    return this.csrfToken;
  }

  private async call<T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = await this.csrf();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const err = ErrorSchema.safeParse(json);
      if (err.success) throw new AccountsError(res.status, err.data.error.code, err.data.error.message, err.data.error.details ?? []);
      throw new AccountsError(res.status, `HTTP_${res.status}`, text.slice(0, 200) || `HTTP ${res.status}`, []);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(res.status, 'RESPONSE_INVALID', `${method} ${path}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`);
    }
    return parsed.data;
  }

  list(page: number, pageSize: number, role?: AccountRole): Promise<z.infer<typeof AccountPageSchema>> {
    const q = new URLSearchParams({ page: String(page), pageSize: String(pageSize), ...(role ? { role } : {}) });
    return this.call('GET', `/api/accounts?${q}`, AccountPageSchema);
  }
  create(input: NewAccountInput): Promise<z.infer<typeof AccountWithPasswordSchema>> {
    return this.call('POST', '/api/accounts', AccountWithPasswordSchema, input);
  }
  /** Without a password the server generates one and returns it once. */
  resetPassword(id: string, password?: string): Promise<z.infer<typeof AccountWithPasswordSchema>> {
    return this.call('POST', `/api/accounts/${encodeURIComponent(id)}/password`, AccountWithPasswordSchema, password ? { password } : {});
  }
  setDisabled(id: string, disabled: boolean): Promise<Account> {
    return this.call('POST', `/api/accounts/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`, AccountSchema);
  }
  remove(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/accounts/${encodeURIComponent(id)}`, z.unknown());
  }
  changeOwnPassword(currentPassword: string, newPassword: string): Promise<unknown> {
    return this.call('POST', '/api/auth/password', z.unknown(), { currentPassword, newPassword });
  }
}

export const accountsApi = new AccountsApi();
