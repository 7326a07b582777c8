import type { Locale } from './locale';

/** The SMS with a sign-in or confirmation code. Never logged. */
export const smsCodeText = (locale: Locale, code: string): string =>
  locale === 'pl'
    ? `Renewal Hub: Twój kod weryfikacyjny to ${code}. Jest ważny 5 minut. Nikomu go nie podawaj.`
    : `Renewal Hub: your verification code is ${code}. It is valid for 5 minutes. Do not share it.`;
