/**
 * Password strength with zxcvbn-ts (a maintained estimator): common passwords, Italian and
 * English words and names, keyboard patterns, dates and repeats, with the account's username,
 * its display name and the app's own name penalised as guessable words. A password scoring
 * under MIN_SCORE (0–4 scale) is refused with zxcvbn's reason.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as it from '@zxcvbn-ts/language-it';

/** 3 = "safely unguessable: moderate protection from offline slow-hash scenario" (~10^8+ guesses). */
export const MIN_SCORE = 3;
export const APP_WORDS = ['prontivia', 'pronti', 'via', 'castellanza', 'somma', 'lombardo', 'varese', 'trasporto'];

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...it.dictionary, userInputs: APP_WORDS },
  });
  return factory;
}

export interface Strength {
  score: number;
  ok: boolean;
  /** Why it is weak, in English (the web translates the fixed prefix). */
  reason?: string;
}

export function passwordStrength(password: string, penalised: (string | undefined)[] = []): Strength {
  const words = [
    ...APP_WORDS,
    ...penalised.filter((w): w is string => !!w && w.length >= 2).map((w) => w.toLowerCase()),
  ];
  const r = zxcvbn().check(password.slice(0, 100), words);
  if (r.score >= MIN_SCORE) return { score: r.score, ok: true };
  const hint = r.feedback.warning || r.feedback.suggestions[0] || 'it would be guessed quickly';
  return {
    score: r.score,
    ok: false,
    reason: `too easy to guess (strength ${r.score} of 4, need ${MIN_SCORE}): ${hint}`,
  };
}
