/**
 * The renewal reminder (PRODUCT.md §8): in the administrator's language, as text and HTML, with the
 * product, workspace, seats, expiry and days left, and whether the license can be renewed online now —
 * at what price today, or every reason with what to do — the link to renew, and how to stop reminders.
 * The one-click unsubscribe link itself goes in the `List-Unsubscribe` header (RFC 8058), which mail apps
 * show as an Unsubscribe button: it must be POSTed, so it is not a link to click in the body.
 * Pure: the caller sends it.
 */
import { escapeHtml, formatInstant, oneLine, plural } from './email-format';
import type { Locale } from './locale';
import { formatMinorUnits, type Quote } from './pricing';
import { ReminderMilestone } from './reminder-milestones';

/** What the reminder says. */
export interface ReminderEmailFacts {
  locale: Locale;
  milestone: ReminderMilestone;
  productName: string;
  workspaceName: string;
  seats: number;
  expiresAt: string;
  daysRemaining: number;
  /** The price it would cost today when it can be renewed online; else the reasons' messages. */
  eligibility: { eligible: true; quote: Quote | null } | { eligible: false; reasons: readonly string[] };
  /** The portal page of the license. */
  renewUrl: string;
}

export interface ReminderEmail {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  subject: (milestone: ReminderMilestone, product: string, workspace: string, days: number) => string;
  greeting: string;
  lead: (milestone: ReminderMilestone, product: string, seats: string, workspace: string) => string;
  expiry: (date: string, days: number, expired: boolean) => string;
  eligible: string;
  price: (amount: string, offer: string | null) => string;
  renew: string;
  notEligible: string;
  unsubscribe: string;
  signature: string;
  seats: (seats: number) => string;
  dateLocale: string;
}

const wording: Record<Locale, Wording> = {
  en: {
    subject: (milestone, product, workspace, days) =>
      milestone === ReminderMilestone.EXPIRED
        ? `${product} in ${workspace} has expired`
        : days === 0
          ? `${product} in ${workspace} expires within a day`
          : `${product} in ${workspace} expires in ${plural('en', days, { one: 'day', other: 'days' })}`,
    greeting: 'Hello,',
    lead: (milestone, product, seats, workspace) =>
      milestone === ReminderMilestone.EXPIRED
        ? `the license of ${product} (${seats}) in the workspace ${workspace} has expired.`
        : `the license of ${product} (${seats}) in the workspace ${workspace} expires soon.`,
    expiry: (date, days, expired) =>
      expired
        ? `It expired on ${date}.`
        : days === 0
          ? `It expires on ${date}: less than a day left.`
          : `It expires on ${date}: ${plural('en', days, { one: 'day', other: 'days' })} left.`,
    eligible: 'It can be renewed online now.',
    price: (amount, offer) => `Renewing it today costs ${amount}${offer ? ` (${offer} applied)` : ''}.`,
    renew: 'Renew it here:',
    notEligible: 'It cannot be renewed online. Why, and what to do:',
    unsubscribe:
      "To stop these reminders, use your email app's Unsubscribe button, or turn them off under Notifications in Renewal Hub.",
    signature: 'Renewal Hub',
    seats: (seats) => plural('en', seats, { one: 'seat', other: 'seats' }),
    dateLocale: 'en-GB',
  },
  pl: {
    subject: (milestone, product, workspace, days) =>
      milestone === ReminderMilestone.EXPIRED
        ? `Licencja ${product} w ${workspace} wygasła`
        : days === 0
          ? `Licencja ${product} w ${workspace} wygasa w ciągu doby`
          : `Licencja ${product} w ${workspace} wygasa za ${plural('pl', days, { one: 'dzień', other: 'dni' })}`,
    greeting: 'Dzień dobry,',
    lead: (milestone, product, seats, workspace) =>
      milestone === ReminderMilestone.EXPIRED
        ? `licencja ${product} (${seats}) w obszarze roboczym ${workspace} wygasła.`
        : `licencja ${product} (${seats}) w obszarze roboczym ${workspace} wkrótce wygasa.`,
    expiry: (date, days, expired) =>
      expired
        ? `Wygasła ${date}.`
        : days === 0
          ? `Wygasa ${date}: zostało mniej niż 24 godziny.`
          : `Wygasa ${date}: ${days === 1 ? 'został 1 dzień' : `zostało ${plural('pl', days, { one: 'dzień', other: 'dni' })}`}.`,
    eligible: 'Można ją teraz odnowić online.',
    price: (amount, offer) => `Odnowienie dzisiaj kosztuje ${amount}${offer ? ` (z ofertą ${offer})` : ''}.`,
    renew: 'Odnów ją tutaj:',
    notEligible: 'Nie można jej odnowić online. Dlaczego i co zrobić:',
    unsubscribe:
      'Aby nie otrzymywać tych przypomnień, użyj przycisku wypisania w programie pocztowym albo wyłącz je w Renewal Hub w sekcji Powiadomienia.',
    signature: 'Zespół Renewal Hub',
    seats: (seats) =>
      plural('pl', seats, { one: 'stanowisko', few: 'stanowiska', many: 'stanowisk', other: 'stanowiska' }),
    dateLocale: 'pl-PL',
  },
};

/** The reminder in the administrator's language. */
export const reminderEmail = (facts: ReminderEmailFacts): ReminderEmail => {
  const words = wording[facts.locale];
  const expired = facts.milestone === ReminderMilestone.EXPIRED;
  const subject = oneLine(
    words.subject(facts.milestone, facts.productName, facts.workspaceName, facts.daysRemaining),
  );
  const lead = words.lead(facts.milestone, facts.productName, words.seats(facts.seats), facts.workspaceName);
  const expiry = words.expiry(formatInstant(facts.expiresAt, words.dateLocale), facts.daysRemaining, expired);
  const { eligibility } = facts;
  const verdict: string[] = eligibility.eligible
    ? [
        words.eligible,
        ...(eligibility.quote
          ? [
              words.price(
                `${formatMinorUnits(eligibility.quote.amount, eligibility.quote.currency)} ${eligibility.quote.currency}`,
                eligibility.quote.offer
                  ? `${eligibility.quote.offer.name} −${eligibility.quote.offer.percentOff}%`
                  : null,
              ),
            ]
          : []),
      ]
    : [words.notEligible];
  const reasons = eligibility.eligible ? [] : eligibility.reasons;

  const text = [
    words.greeting,
    '',
    lead,
    expiry,
    '',
    ...verdict,
    ...reasons.map((reason) => `- ${reason}`),
    '',
    words.renew,
    facts.renewUrl,
    '',
    words.signature,
    '',
    words.unsubscribe,
    '',
  ].join('\n');

  const html = [
    '<!DOCTYPE html>',
    `<html lang="${facts.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(words.greeting)}<br>${escapeHtml(lead)}<br>${escapeHtml(expiry)}</p>`,
    `<p>${verdict.map(escapeHtml).join('<br>')}</p>`,
    ...(reasons.length
      ? [`<ul>${reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>`]
      : []),
    `<p>${escapeHtml(words.renew)} <a href="${escapeHtml(facts.renewUrl)}">${escapeHtml(facts.renewUrl)}</a></p>`,
    `<p>${escapeHtml(words.signature)}</p>`,
    `<p><small>${escapeHtml(words.unsubscribe)}</small></p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html };
};
