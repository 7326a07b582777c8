import type { EligibilityReason, EligibilityVerdict } from './eligibility';
import type { Locale } from './locale';

type MessageOf = (verdict: EligibilityVerdict, windowDays: number) => string;

const day = (iso: string): string => iso.slice(0, 10);

/** Why a license cannot be renewed online, and what to do, in each language. */
const reasonMessages: Record<Locale, Record<EligibilityReason, MessageOf>> = {
  en: {
    NOT_IN_RENEWAL_WINDOW: (v, days) =>
      `Online renewal opens ${days} days before the license expires, on ${day(v.renewalWindowOpensAt)}. Come back then.`,
    PURCHASED_FROM_PARTNER: () => 'This license was bought from a partner. Contact your partner to renew it.',
    LEGACY_LICENSE: () =>
      'Licenses bought before version 8.0 (April 2019) cannot be renewed. Upgrade to the current version, or move to the previous version.',
    PRODUCT_NOT_RENEWABLE_ONLINE: () =>
      'This product cannot be renewed online. Contact a partner to renew it.',
    WORKSPACE_COUNTRY_MISSING: () =>
      'The workspace has no country or territory, so no price can be shown. Contact Technical Support to set it.',
    COUNTRY_NOT_SUPPORTED: () =>
      "Online renewal is not available in the workspace's country or territory. Contact Technical Support.",
    RENEWAL_IN_PROGRESS: () =>
      'A renewal of this license has been paid and is being completed. Wait for the confirmation email.',
  },
  pl: {
    NOT_IN_RENEWAL_WINDOW: (v, days) =>
      `Odnowienie online jest możliwe na ${days} dni przed wygaśnięciem licencji, od ${day(v.renewalWindowOpensAt)}. Wróć wtedy.`,
    PURCHASED_FROM_PARTNER: () =>
      'Ta licencja została kupiona u partnera. Aby ją odnowić, skontaktuj się z partnerem.',
    LEGACY_LICENSE: () =>
      'Licencji kupionych przed wydaniem wersji 8.0 (kwiecień 2019) nie można odnowić. Uaktualnij oprogramowanie do bieżącej wersji lub przejdź na poprzednią wersję.',
    PRODUCT_NOT_RENEWABLE_ONLINE: () =>
      'Tego produktu nie można odnowić online. Aby go odnowić, skontaktuj się z partnerem.',
    WORKSPACE_COUNTRY_MISSING: () =>
      'Obszar roboczy nie ma kraju ani terytorium, więc nie można podać ceny. Skontaktuj się z pomocą techniczną.',
    COUNTRY_NOT_SUPPORTED: () =>
      'Odnowienie online nie jest dostępne w kraju lub na terytorium obszaru roboczego. Skontaktuj się z pomocą techniczną.',
    RENEWAL_IN_PROGRESS: () =>
      'Odnowienie tej licencji zostało opłacone i jest realizowane. Poczekaj na e-mail z potwierdzeniem.',
  },
};

/** The verdict as the API shows it: reasons with messages in the chosen language. */
export const describeEligibility = (verdict: EligibilityVerdict, locale: Locale, windowDays: number) => ({
  ...verdict,
  reasons: verdict.reasons.map((code) => ({
    code,
    message: reasonMessages[locale][code](verdict, windowDays),
  })),
});
