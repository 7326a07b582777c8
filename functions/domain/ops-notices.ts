/**
 * What operations are told about a paid order that needs a person. Identifiers, amounts and reason
 * codes only: never an activation code, and no customer contact details (support finds those from the
 * checkout id when it needs them).
 */
import { formatMinorUnits } from './pricing';

/** A notification for the operations topic. */
export interface OpsNotice {
  subject: string;
  text: string;
}

/** The identifiers every notice carries. */
export interface OrderFacts {
  orderId: string;
  /** Absent when the order itself is unknown. */
  checkoutId?: string;
  licenseId?: string;
  paid?: { amount: number; currency: string; paidAt: string };
  quoted?: { amount: number; currency: string };
}

const money = (value: { amount: number; currency: string }) =>
  `${formatMinorUnits(value.amount, value.currency)} ${value.currency}`;

const factLines = (facts: OrderFacts): string[] => [
  `Order: ${facts.orderId}`,
  `Checkout: ${facts.checkoutId ?? 'unknown'}`,
  ...(facts.licenseId ? [`License: ${facts.licenseId}`] : []),
  ...(facts.paid ? [`Paid: ${money(facts.paid)} at ${facts.paid.paidAt}`] : []),
  ...(facts.quoted ? [`Quoted: ${money(facts.quoted)}`] : []),
];

/** A payment that did not match its checkout: the license was not renewed. */
export const needsReviewNotice = (facts: OrderFacts, reason: string): OpsNotice => ({
  subject: `Paid order needs review: ${facts.orderId} (${reason})`,
  text: [
    'A paid renewal order needs review. The license was not renewed; the payment is recorded.',
    '',
    `Reason: ${reason}`,
    ...factLines(facts),
    '',
  ].join('\n'),
});

/** Completing a paid order kept failing: it is kept and can be replayed. */
export const purchaseFailedNotice = (facts: OrderFacts, reason: string): OpsNotice => ({
  subject: `Paid order failed: ${facts.orderId} (${reason})`,
  text: [
    'Completing a paid renewal order failed after retries. The order is kept and can be replayed',
    '(start the purchase workflow again for it); a renewal already applied is never applied twice.',
    '',
    `Reason: ${reason}`,
    ...factLines(facts),
    '',
  ].join('\n'),
});
