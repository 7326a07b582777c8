import type { EmailSender } from '../ports/messaging';

/** What the pacer waits with; tests give a manual clock and a sleep that advances it. */
export interface PaceTimer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTimer: PaceTimer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces the sends of `sender` at least `1000 / perSecond` ms apart, side by side or not, so a job that
 * emails thousands stays within its share of the SES account's sending rate rather than learning it from
 * throttling. (Throttling that still happens is backed off by the SES client's adaptive retries.)
 * Each send reserves the next free slot before it waits, so concurrent sends never share one.
 */
export const pacedEmailSender = (
  sender: EmailSender,
  perSecond: number,
  timer: PaceTimer = realTimer,
): EmailSender => {
  const intervalMs = 1000 / perSecond;
  let nextSlot = Number.NEGATIVE_INFINITY;
  return {
    send: async (message) => {
      const now = timer.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalMs;
      if (slot > now) await timer.sleep(slot - now);
      await sender.send(message);
    },
  };
};
