/**
 * What a workspace's administrators are told when its webhooks stop working (PRODUCT.md §7), in their
 * language: a delivery that gave up, or an endpoint that was disabled (410 Gone, or 5 days of failures).
 */
import type { Locale } from './locale';

export type WebhookNotice =
  | { kind: 'DELIVERY_FAILED'; url: string; eventType: string; eventId: string; attempts: number }
  | { kind: 'ENDPOINT_DISABLED'; url: string; reason: 'GONE' | 'FAILING'; failingSince: string };

const texts = {
  en: {
    DELIVERY_FAILED: (n: Extract<WebhookNotice, { kind: 'DELIVERY_FAILED' }>) => ({
      subject: `Renewal Hub: a webhook to ${n.url} could not be delivered`,
      text:
        `The event ${n.eventType} (${n.eventId}) was not delivered to ${n.url} after ${n.attempts} attempts ` +
        'over more than 24 hours. Its delivery log shows each answer; once the endpoint works again, you can ' +
        'send it again with POST …/deliveries/{deliveryId}/redeliver.',
    }),
    ENDPOINT_DISABLED: (n: Extract<WebhookNotice, { kind: 'ENDPOINT_DISABLED' }>) => ({
      subject: `Renewal Hub: the webhook endpoint ${n.url} was disabled`,
      text:
        (n.reason === 'GONE'
          ? `The endpoint ${n.url} answered 410 Gone, so it receives no more events.`
          : `Every delivery to ${n.url} has failed since ${n.failingSince}, so it receives no more events.`) +
        ' To resume, fix it and set its status to ENABLED (PATCH …/webhook-endpoints/{endpointId}).',
    }),
  },
  pl: {
    DELIVERY_FAILED: (n: Extract<WebhookNotice, { kind: 'DELIVERY_FAILED' }>) => ({
      subject: `Renewal Hub: nie udało się dostarczyć webhooka do ${n.url}`,
      text:
        `Zdarzenie ${n.eventType} (${n.eventId}) nie zostało dostarczone do ${n.url} po ${n.attempts} próbach ` +
        'w ciągu ponad 24 godzin. Dziennik dostaw pokazuje każdą odpowiedź; gdy punkt końcowy znów działa, ' +
        'można je wysłać ponownie: POST …/deliveries/{deliveryId}/redeliver.',
    }),
    ENDPOINT_DISABLED: (n: Extract<WebhookNotice, { kind: 'ENDPOINT_DISABLED' }>) => ({
      subject: `Renewal Hub: punkt końcowy webhooków ${n.url} został wyłączony`,
      text:
        (n.reason === 'GONE'
          ? `Punkt końcowy ${n.url} odpowiedział 410 Gone, więc nie otrzymuje już zdarzeń.`
          : `Każda dostawa do ${n.url} kończy się błędem od ${n.failingSince}, więc nie otrzymuje już zdarzeń.`) +
        ' Aby wznowić, napraw go i ustaw status ENABLED (PATCH …/webhook-endpoints/{endpointId}).',
    }),
  },
} as const;

/** The email of `notice`, in `locale`. */
export const webhookNoticeEmail = (
  notice: WebhookNotice,
  locale: Locale,
): { subject: string; text: string } =>
  notice.kind === 'DELIVERY_FAILED'
    ? texts[locale].DELIVERY_FAILED(notice)
    : texts[locale].ENDPOINT_DISABLED(notice);
