/** Languages every user-facing message exists in. */
export const Locale = { EN: 'en', PL: 'pl' } as const;
export type Locale = (typeof Locale)[keyof typeof Locale];

export const isLocale = (value: unknown): value is Locale => value === Locale.EN || value === Locale.PL;

/**
 * Picks the response language: the best supported match in `Accept-Language` (q-values honoured),
 * else the signed-in user's locale, else English. Before sign-in completes pass no user locale, so the
 * answer cannot reveal whether an account exists.
 */
export const negotiateLocale = (acceptLanguage: string | undefined, userLocale?: Locale): Locale => {
  const ranked = (acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number.parseFloat(qParam.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && entry.language !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    if (isLocale(entry.language)) return entry.language;
  }
  return userLocale ?? Locale.EN;
};
