import { afterEach, beforeEach, describe, expect, it as test, vi } from 'vitest';
import { it as italian } from './it.ts';
import { en as english } from './en.ts';
import { setLang } from './i18n.ts';
import { fixText, reasonText, REASON_CODES, VIOLATION_CODES, violationText } from './reasons.ts';

const catalogues = { it: italian as Record<string, string>, en: english as Record<string, string> };

describe("the server's codes are explained in plain words in both languages", () => {
  // The language switch remembers the choice and sets <html lang>: give it the two browser objects it touches.
  beforeEach(() => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
    vi.stubGlobal('document', { documentElement: { lang: 'it' } });
  });
  afterEach(() => {
    setLang('it');
    vi.unstubAllGlobals();
  });

  for (const [lang, texts] of Object.entries(catalogues)) {
    test(`every unserved or slot reason has a why and a fix in ${lang}`, () => {
      const missing = REASON_CODES.flatMap((code) => [`why.${code}`, `fix.${code}`]).filter(
        (key) => !texts[key]?.trim(),
      );
      expect(missing).toEqual([]);
    });

    test(`every violation code of the contract has a sentence in ${lang}`, () => {
      const missing = VIOLATION_CODES.map((code) => `violation.${code}`).filter((key) => !texts[key]?.trim());
      expect(missing).toEqual([]);
    });
  }

  test('Italian is shown by default and English after the switch', () => {
    expect(reasonText('OUTBOUND_AFTER_ADULT_LEAVES', 'server words')).toBe(italian['why.OUTBOUND_AFTER_ADULT_LEAVES']);
    setLang('en');
    expect(reasonText('OUTBOUND_AFTER_ADULT_LEAVES', 'server words')).toBe(english['why.OUTBOUND_AFTER_ADULT_LEAVES']);
    expect(violationText('LIFT_REQUIRED', 'server words')).toBe(english['violation.LIFT_REQUIRED']);
  });

  test("an unknown code falls back to the server's own message", () => {
    expect(reasonText('SOMETHING_NEW', 'the bus broke down')).toBe('the bus broke down');
    expect(fixText(undefined, 'ask again tomorrow')).toBe('ask again tomorrow');
    expect(violationText('NOT_A_CODE', 'odd')).toBe('odd');
    expect(reasonText('toString', 'inherited names are not codes')).toBe('inherited names are not codes');
  });
});
