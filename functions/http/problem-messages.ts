import type { Locale } from '../domain/locale';
import type { ProblemCode } from './problem';

/**
 * The `detail` of every problem code in every supported language, so a use case only says what went
 * wrong, never how to word it. A code without a text in some language does not compile.
 */
const problemDetails = {
  en: {
    VALIDATION_FAILED: 'The request is not valid. See `errors` for each field.',
    MALFORMED_JSON: 'The request body is not valid JSON.',
    UNAUTHENTICATED: 'Sign in first: the access token is missing, invalid, expired or revoked.',
    NOT_FOUND: 'Not found.',
    ROUTE_NOT_FOUND: 'There is no such route.',
    METHOD_NOT_ALLOWED: 'This route does not accept that method.',
    PAYLOAD_TOO_LARGE: 'The request body is too large.',
    INVALID_CREDENTIALS: 'The email or password is incorrect.',
    TOO_MANY_ATTEMPTS: 'Too many attempts. Try again later (see Retry-After).',
    INVALID_CODE: 'The code is incorrect.',
    CHALLENGE_EXPIRED: 'This sign-in attempt has expired or was used up. Sign in again.',
    RESEND_NOT_AVAILABLE: 'Codes can be resent only for SMS sign-in.',
    RESEND_LIMIT_REACHED: 'No more codes can be sent for this sign-in attempt. Sign in again.',
    MFA_ALREADY_ENABLED: 'Two-step verification is already on. Turn it off first to change the method.',
    MFA_NOT_ENABLED: 'Two-step verification is not on.',
    ENROLMENT_NOT_STARTED: 'There is no pending enrolment to confirm, or it has expired. Start again.',
    INVALID_ACTIVATION_CODE: 'This activation code is not valid. Check it and try again.',
    INVALID_UNSUBSCRIBE_LINK:
      'This unsubscribe link is not valid or has expired. Turn reminders off in your notification settings instead.',
    ACTIVATION_CODE_IN_USE: 'This activation code is already in use in another workspace.',
    NOT_ELIGIBLE: 'This license cannot be renewed online. See `reasons` for why and what to do.',
    INSUFFICIENT_SCOPE:
      'This API key may not do this. See `requiredScope`; routes about a person take a signed-in session only.',
    RATE_LIMITED: 'This API key sent too many requests. Try again after Retry-After seconds.',
    IDEMPOTENCY_KEY_REQUIRED:
      'Send an Idempotency-Key header (for example a UUID) so a retry cannot start a second renewal.',
    IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different request. Use a new key.',
    IDEMPOTENCY_KEY_IN_PROGRESS:
      'A request with this Idempotency-Key is still being processed. Retry shortly.',
    INVALID_SIGNATURE: 'The Store-Signature header is missing, malformed, stale or does not match the body.',
    SMS_LIMIT_REACHED: 'Too many SMS codes were sent recently. Try again later (see Retry-After).',
    CONCURRENT_UPDATE: 'Another request changed this at the same moment. Retry shortly (see Retry-After).',
    SERVICE_UNAVAILABLE: 'The service is briefly unavailable. Try again shortly (see Retry-After).',
    INTERNAL_ERROR: 'Something went wrong on our side. Try again later.',
  },
  pl: {
    VALIDATION_FAILED: 'Żądanie jest nieprawidłowe. Szczegóły każdego pola są w `errors`.',
    MALFORMED_JSON: 'Treść żądania nie jest poprawnym JSON-em.',
    UNAUTHENTICATED:
      'Zaloguj się: brak tokenu dostępu albo jest nieprawidłowy, wygasł lub został unieważniony.',
    NOT_FOUND: 'Nie znaleziono.',
    ROUTE_NOT_FOUND: 'Nie ma takiej ścieżki.',
    METHOD_NOT_ALLOWED: 'Ta ścieżka nie obsługuje tej metody.',
    PAYLOAD_TOO_LARGE: 'Treść żądania jest za duża.',
    INVALID_CREDENTIALS: 'Nieprawidłowy adres e-mail lub hasło.',
    TOO_MANY_ATTEMPTS: 'Zbyt wiele prób. Spróbuj ponownie później (zob. Retry-After).',
    INVALID_CODE: 'Kod jest nieprawidłowy.',
    CHALLENGE_EXPIRED: 'Ta próba logowania wygasła lub została wyczerpana. Zaloguj się ponownie.',
    RESEND_NOT_AVAILABLE: 'Kod można wysłać ponownie tylko przy logowaniu SMS-em.',
    RESEND_LIMIT_REACHED: 'Dla tej próby logowania nie można już wysłać kodu. Zaloguj się ponownie.',
    MFA_ALREADY_ENABLED: 'Weryfikacja dwuetapowa jest już włączona. Aby zmienić metodę, najpierw ją wyłącz.',
    MFA_NOT_ENABLED: 'Weryfikacja dwuetapowa nie jest włączona.',
    ENROLMENT_NOT_STARTED: 'Nie ma rozpoczętej konfiguracji do potwierdzenia albo wygasła. Zacznij od nowa.',
    INVALID_ACTIVATION_CODE: 'Ten kod aktywacyjny jest nieprawidłowy. Sprawdź go i spróbuj ponownie.',
    INVALID_UNSUBSCRIBE_LINK:
      'Ten link do wypisania się jest nieprawidłowy lub wygasł. Wyłącz przypomnienia w ustawieniach powiadomień.',
    ACTIVATION_CODE_IN_USE: 'Ten kod aktywacyjny jest już używany w innym obszarze roboczym.',
    NOT_ELIGIBLE: 'Tej licencji nie można odnowić online. Przyczyny i dalsze kroki są w `reasons`.',
    INSUFFICIENT_SCOPE:
      'Ten klucz API nie ma do tego uprawnień. Zobacz `requiredScope`; trasy dotyczące osoby wymagają zalogowanej sesji.',
    RATE_LIMITED: 'Ten klucz API wysłał zbyt wiele żądań. Spróbuj ponownie po Retry-After sekundach.',
    IDEMPOTENCY_KEY_REQUIRED:
      'Wyślij nagłówek Idempotency-Key (np. UUID), aby ponowienie nie rozpoczęło drugiego odnowienia.',
    IDEMPOTENCY_KEY_REUSED: 'Ten Idempotency-Key został już użyty dla innego żądania. Użyj nowego klucza.',
    IDEMPOTENCY_KEY_IN_PROGRESS:
      'Żądanie z tym Idempotency-Key jest jeszcze przetwarzane. Spróbuj za chwilę.',
    INVALID_SIGNATURE:
      'Nagłówek Store-Signature jest pusty, błędny, przeterminowany albo nie pasuje do treści.',
    SMS_LIMIT_REACHED: 'Wysłano ostatnio zbyt wiele kodów SMS. Spróbuj ponownie później (zob. Retry-After).',
    CONCURRENT_UPDATE: 'Inne żądanie zmieniło to w tej samej chwili. Spróbuj za chwilę (zob. Retry-After).',
    SERVICE_UNAVAILABLE: 'Usługa jest chwilowo niedostępna. Spróbuj za chwilę (zob. Retry-After).',
    INTERNAL_ERROR: 'Coś poszło nie tak po naszej stronie. Spróbuj ponownie później.',
  },
} as const satisfies Record<Locale, Record<ProblemCode, string>>;

/** The detail text of a problem code in a language; undefined for a code outside {@link ProblemCode}. */
export const problemDetail = (locale: Locale, code: string): string | undefined =>
  Object.hasOwn(problemDetails[locale], code) ? problemDetails[locale][code as ProblemCode] : undefined;
