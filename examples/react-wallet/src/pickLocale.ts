import type { WalletLocale } from './messages';

/**
 * The first of the browser's languages the page speaks (`navigator.languages`, most wanted
 * first); Vietnamese when it speaks none of them.
 */
export function pickLocale(languages: readonly string[]): WalletLocale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'vi' || primary === 'en') return primary;
  }
  return 'vi';
}
