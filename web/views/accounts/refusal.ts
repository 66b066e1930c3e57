/**
 * A refused account request, shown on its form: the message in the form's alert, and the first
 * field the server named marked invalid and focused.
 */
import { ApiError } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';

export function showRefusal(err: unknown, alert: HTMLElement, fields: Record<string, HTMLElement>): void {
  alert.textContent = t('app.error', { message: (err as Error).message });
  const field = err instanceof ApiError ? fields[err.details[0]?.path ?? ''] : undefined;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
}
