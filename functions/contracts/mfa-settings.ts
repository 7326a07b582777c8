/** Contracts of the profile and its 2FA settings. */
import * as z from 'zod/mini';
import { ProblemCode } from '../http/problem';
import { oneTimeCode, phoneNumber } from '../http/schemas';
import { CodeSentSchema, MfaChangedSchema, ProfileSchema, TotpEnrolmentSchema } from './entities';
import { routeContract } from './route-contract';

/** A fresh schema per route, so each route has its own named request body in the document. */
const codeBody = () => z.strictObject({ code: oneTimeCode });
const wrongCode = { 422: [ProblemCode.INVALID_CODE], 429: [ProblemCode.TOO_MANY_ATTEMPTS] } as const;

export const me = routeContract({
  responses: { 200: { description: 'Who I am', body: ProfileSchema } },
});

export const totpEnrol = routeContract({
  description: 'Confirm it with a code from the app at `/v1/me/mfa/totp/confirm`.',
  responses: { 201: { description: 'A new secret for an authenticator app', body: TotpEnrolmentSchema } },
  errors: { 409: [ProblemCode.MFA_ALREADY_ENABLED] },
});

export const totpConfirm = routeContract({
  body: codeBody(),
  responses: { 200: { description: 'Sign-in now asks for an app code', body: MfaChangedSchema } },
  errors: { ...wrongCode, 409: [ProblemCode.MFA_ALREADY_ENABLED, ProblemCode.ENROLMENT_NOT_STARTED] },
});

export const smsEnrol = routeContract({
  description: 'Confirm it with the code sent to the number at `/v1/me/mfa/sms/confirm`.',
  body: z.strictObject({ phoneNumber }),
  responses: { 202: { description: 'A code is on its way to the number', body: CodeSentSchema } },
  errors: {
    409: [ProblemCode.MFA_ALREADY_ENABLED],
    429: [ProblemCode.TOO_MANY_ATTEMPTS, ProblemCode.SMS_LIMIT_REACHED],
  },
});

export const smsConfirm = routeContract({
  body: codeBody(),
  responses: { 200: { description: 'Sign-in now asks for an SMS code', body: MfaChangedSchema } },
  errors: { ...wrongCode, 409: [ProblemCode.MFA_ALREADY_ENABLED, ProblemCode.ENROLMENT_NOT_STARTED] },
});

export const mfaCode = routeContract({
  description: 'For turning 2FA off when it is SMS: the code goes to the enrolled number.',
  responses: { 202: { description: 'A code is on its way', body: CodeSentSchema } },
  errors: {
    409: [ProblemCode.MFA_NOT_ENABLED, ProblemCode.RESEND_NOT_AVAILABLE],
    429: [ProblemCode.TOO_MANY_ATTEMPTS, ProblemCode.SMS_LIMIT_REACHED],
  },
});

export const mfaDisable = routeContract({
  body: codeBody(),
  responses: { 200: { description: '2FA is off', body: MfaChangedSchema } },
  errors: { ...wrongCode, 409: [ProblemCode.MFA_NOT_ENABLED] },
});
