/** Formatting shared by the emails: counted nouns, instants in UTC, one-line headers, and HTML escaping. */

/** "3 days", "1 seat": the count with the plural form its language's rules pick. */
export const plural = (locale: string, count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>>) =>
  `${count} ${forms[new Intl.PluralRules(locale).select(count)] ?? forms.other}`;

/** "28 November 2027, 12:00 UTC": the instant in UTC, the same for every reader. */
export const formatInstant = (iso: string, dateLocale: string): string => {
  const instant = new Date(iso);
  const date = new Intl.DateTimeFormat(dateLocale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(instant);
  return `${date}, ${iso.slice(11, 16)} UTC`;
};

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

/** A header value on one line: a line break in a name must not start another header. */
export const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');
