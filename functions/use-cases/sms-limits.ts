/**
 * The SMS limits of PRODUCT.md §1, checked and counted before anything is sent: SMS cost money, so
 * neither a user nor a phone number can be made to receive codes without bound.
 */
import { AuthPolicy } from '../domain/auth-policy';
import { keyedHash } from '../domain/one-time-code';
import type { AuthDeps } from './auth-common';
import { ErrorCode, rateLimited } from './errors';

/**
 * Counts one SMS to `phoneNumber` for `userId` against both limits at once.
 * @throws ApplicationError 429 SMS_LIMIT_REACHED with `Retry-After` when either is reached; nothing is counted then.
 */
export const reserveSms = async (
  deps: Pick<AuthDeps, 'smsQuota' | 'keys'>,
  userId: string,
  phoneNumber: string,
  now: Date,
): Promise<void> => {
  const outcome = await deps.smsQuota.reserve(
    [
      { subject: `USER#${userId}`, rule: AuthPolicy.smsPerUser },
      // A keyed hash: the limit needs to recognise a number, not to store it.
      {
        subject: `PHONE#${keyedHash(deps.keys.codePepper, 'sms-phone', phoneNumber)}`,
        rule: AuthPolicy.smsPerPhoneNumber,
      },
    ],
    now,
  );
  if ('retryAfter' in outcome) {
    throw rateLimited(ErrorCode.SMS_LIMIT_REACHED, outcome.retryAfter);
  }
};
