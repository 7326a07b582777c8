/**
 * The email that delivers a renewal's new activation code (PRODUCT.md §1): in the language of the
 * administrator who paid, as text and HTML, with the product, seats, the new expiry, the days that
 * carried over, and how to enter the code. Pure: the caller sends it.
 */
import { formatActivationCode } from './activation-code';
import { escapeHtml, formatInstant, oneLine, plural } from './email-format';
import type { Locale } from './locale';

/** What the email says. */
export interface RenewalEmailFacts {
  locale: Locale;
  productName: string;
  seats: number;
  /** The 20 canonical characters. */
  activationCode: string;
  newExpiresAt: string;
  bonusDays: number;
  workspaceId: string;
}

export interface RenewalEmail {
  subject: string;
  text: string;
  html: string;
}

/** The texts of one language; values are plain text, escaped for the HTML part by the caller. */
interface Wording {
  subject: (productName: string) => string;
  greeting: string;
  thanks: (productName: string, seats: string) => string;
  codeIntro: string;
  validUntil: (date: string) => string;
  bonus: (days: number) => string;
  howTo: string;
  steps: readonly string[];
  api: (path: string) => string;
  replaces: string;
  signature: string;
  seats: (seats: number) => string;
  dateLocale: string;
}

const wording: Record<Locale, Wording> = {
  en: {
    subject: (product) => `Your license is renewed: new activation code for ${product}`,
    greeting: 'Hello,',
    thanks: (product, seats) => `thank you for renewing ${product} (${seats}).`,
    codeIntro: 'Your new activation code:',
    validUntil: (date) => `The license is now valid until ${date}.`,
    bonus: (days) =>
      `The ${plural('en', days, { one: 'day', other: 'days' })} that ${days === 1 ? 'was' : 'were'} left on it ${days === 1 ? 'is' : 'are'} included.`,
    howTo: 'How to enter the code:',
    steps: [
      'Sign in to Renewal Hub.',
      'Open Licenses and choose "Enter activation code".',
      'Type or paste the code above and confirm. Dashes, spaces and letter case do not matter.',
    ],
    api: (path) => `Integrations can enter it with POST ${path} and the body {"activationCode": "<code>"}.`,
    replaces:
      'The new code replaces the previous one, which no longer works. Keep it safe: whoever has it can attach this license to a workspace.',
    signature: 'Renewal Hub',
    seats: (seats) => plural('en', seats, { one: 'seat', other: 'seats' }),
    dateLocale: 'en-GB',
  },
  pl: {
    subject: (product) => `Licencja odnowiona: nowy kod aktywacyjny do ${product}`,
    greeting: 'Dzień dobry,',
    thanks: (product, seats) => `dziękujemy za odnowienie licencji ${product} (${seats}).`,
    codeIntro: 'Twój nowy kod aktywacyjny:',
    validUntil: (date) => `Licencja jest teraz ważna do ${date}.`,
    bonus: (days) =>
      days === 1
        ? 'Doliczyliśmy 1 dzień, który jeszcze pozostał.'
        : `Doliczyliśmy ${days} dni, które jeszcze pozostały.`,
    howTo: 'Jak wprowadzić kod:',
    steps: [
      'Zaloguj się do Renewal Hub.',
      'Otwórz Licencje i wybierz „Wprowadź kod aktywacyjny”.',
      'Wpisz lub wklej powyższy kod i potwierdź. Myślniki, spacje i wielkość liter nie mają znaczenia.',
    ],
    api: (path) => `Integracje mogą wprowadzić kod przez POST ${path} z treścią {"activationCode": "<kod>"}.`,
    replaces:
      'Nowy kod zastępuje poprzedni, który przestał działać. Chroń go: każdy, kto go zna, może dołączyć tę licencję do obszaru roboczego.',
    signature: 'Zespół Renewal Hub',
    seats: (seats) =>
      plural('pl', seats, { one: 'stanowisko', few: 'stanowiska', many: 'stanowisk', other: 'stanowiska' }),
    dateLocale: 'pl-PL',
  },
};

/** The renewal email in the administrator's language. */
export const renewalEmail = (facts: RenewalEmailFacts): RenewalEmail => {
  const words = wording[facts.locale];
  const code = formatActivationCode(facts.activationCode);
  const validUntil = words.validUntil(formatInstant(facts.newExpiresAt, words.dateLocale));
  const bonus = facts.bonusDays > 0 ? ` ${words.bonus(facts.bonusDays)}` : '';
  const api = words.api(`/v1/workspaces/${encodeURIComponent(facts.workspaceId)}/activation-codes`);
  const thanks = words.thanks(facts.productName, words.seats(facts.seats));

  const text = [
    words.greeting,
    '',
    thanks,
    '',
    words.codeIntro,
    '',
    `    ${code}`,
    '',
    `${validUntil}${bonus}`,
    '',
    words.howTo,
    ...words.steps.map((step, index) => `${index + 1}. ${step}`),
    api,
    '',
    words.replaces,
    '',
    words.signature,
    '',
  ].join('\n');

  const html = [
    '<!DOCTYPE html>',
    `<html lang="${facts.locale}"><head><meta charset="utf-8"><title>${escapeHtml(words.subject(facts.productName))}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(words.greeting)}<br>${escapeHtml(thanks)}</p>`,
    `<p>${escapeHtml(words.codeIntro)}</p>`,
    `<p style="font-family: monospace; font-size: 1.4em; font-weight: bold; letter-spacing: 0.05em">${escapeHtml(code)}</p>`,
    `<p>${escapeHtml(`${validUntil}${bonus}`)}</p>`,
    `<p>${escapeHtml(words.howTo)}</p>`,
    `<ol>${words.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>`,
    `<p><small>${escapeHtml(api)}</small></p>`,
    `<p>${escapeHtml(words.replaces)}</p>`,
    `<p>${escapeHtml(words.signature)}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject: oneLine(words.subject(facts.productName)), text, html };
};
