/**
 * The language switch: Italian by default, English on request (remembered in localStorage).
 * t('key', {name}) fills placeholders; changing the language re-renders the current page.
 */
import { it, type MessageKey } from './it.ts';
import { en } from './en.ts';

export type Lang = 'it' | 'en';
const catalogues: Record<Lang, Record<MessageKey, string>> = { it, en };
const STORAGE_KEY = 'prontivia.lang';

let current: Lang = readStored();
const listeners = new Set<() => void>();

function readStored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'it';
  } catch {
    return 'it';
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogues[current][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export type { MessageKey };
