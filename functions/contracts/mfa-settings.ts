/** Contracts of the profile and its 2FA settings. */
import * as z from 'zod/mini';
import { ProblemCode } from '../http/problem';
import { oneTimeCode, phoneNumber } from '../http/schemas';
import { answerOf, routeContract } from './route-contract';

/** A fresh schema per route, so each route has its own named request body in the document. */
const codeBody = () => z.strictObject({ code: oneTimeCode });
const wrongCode = { 422: [ProblemCode.INVALID_CODE], 429: [ProblemCode.TOO_MANY_ATTEMPTS] } as const;

export const me = routeContract({
  responses: {
    200: answerOf('ProfileSchema', 'Who I am'),
  },
});

export const notifications = routeContract({
  description: 'Renewal reminders are on until turned off (here, or by the link in any reminder).',
  responses: { 200: answerOf('NotificationsSchema', 'My preferences') },
});

export const notificationsUpdate = routeContract({
  body: z.strictObject({ renewalReminders: z.boolean() }),
  responses: { 200: answerOf('NotificationsSchema', 'My preferences as changed') },
});

export const notificationsUnsubscribe = routeContract({
  description:
    'The `List-Unsubscribe` link of a reminder email (RFC 8058 one-click): the mail client posts ' +
    '`List-Unsubscribe=One-Click` to it, with no sign-in. It only turns reminders off.',
  query: z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(512)) }),
  rawBody: true,
  responses: { 200: answerOf('NotificationsSchema', 'Reminders are off for the user the link names') },
  errors: { 422: [ProblemCode.INVALID_UNSUBSCRIBE_LINK] },
});

export const totpEnrol = routeContract({
  description: 'Confirm it with a code from the app at `/v1/me/mfa/totp/confirm`.',
  responses: {
    201: answerOf('TotpEnrolmentSchema', 'A new secret for an authenticator app'),
  },
  errors: { 409: [ProblemCode.MFA_ALREADY_ENABLED] },
});

export const totpConfirm = routeContract({
  body: codeBody(),
  responses: {
    200: answerOf('MfaChangedSchema', 'Sign-in now asks for an app code'),
  },
  errors: { ...wrongCode, 409: [ProblemCode.MFA_ALREADY_ENABLED, ProblemCode.ENROLMENT_NOT_STARTED] },
});

export const smsEnrol = routeContract({
  description: 'Confirm it with the code sent to the number at `/v1/me/mfa/sms/confirm`.',
  body: z.strictObject({ phoneNumber }),
  responses: {
    202: answerOf('CodeSentSchema', 'A code is on its way to the number'),
  },
  errors: {
    409: [ProblemCode.MFA_ALREADY_ENABLED],
    429: [ProblemCode.TOO_MANY_ATTEMPTS, ProblemCode.SMS_LIMIT_REACHED],
  },
});

export const smsConfirm = routeContract({
  body: codeBody(),
  responses: {
    200: answerOf('MfaChangedSchema', 'Sign-in now asks for an SMS code'),
  },
  errors: { ...wrongCode, 409: [ProblemCode.MFA_ALREADY_ENABLED, ProblemCode.ENROLMENT_NOT_STARTED] },
});

export const mfaCode = routeContract({
  description: 'For turning 2FA off when it is SMS: the code goes to the enrolled number.',
  responses: {
    202: answerOf('CodeSentSchema', 'A code is on its way'),
  },
  errors: {
    409: [ProblemCode.MFA_NOT_ENABLED, ProblemCode.RESEND_NOT_AVAILABLE],
    429: [ProblemCode.TOO_MANY_ATTEMPTS, ProblemCode.SMS_LIMIT_REACHED],
  },
});

export const mfaDisable = routeContract({
  body: codeBody(),
  responses: {
    200: answerOf('MfaChangedSchema', '2FA is off'),
  },
  errors: { ...wrongCode, 409: [ProblemCode.MFA_NOT_ENABLED] },
});
