/** Contracts of the sign-in routes: password, the second step, a new SMS code, and sign-out. */
import * as z from 'zod/mini';
import { ProblemCode } from '../http/problem';
import { emailInput, oneTimeCode, opaqueId, passwordInput } from '../http/schemas';
import { answerOf, routeContract } from './route-contract';

export const login = routeContract({
  description:
    'Without 2FA the answer holds the access token; with 2FA it holds a challenge to answer at ' +
    '`/v1/auth/mfa/verify` (for SMS, the code is on its way). A wrong password and an unknown email get ' +
    'the same answer.',
  body: z.strictObject({ email: emailInput, password: passwordInput }),
  responses: {
    200: answerOf('SignInResultSchema', 'Signed in, or a second step is needed'),
  },
  errors: {
    401: [ProblemCode.INVALID_CREDENTIALS],
    429: [ProblemCode.TOO_MANY_ATTEMPTS, ProblemCode.SMS_LIMIT_REACHED],
  },
});

export const mfaVerify = routeContract({
  body: z.strictObject({ challengeId: opaqueId, code: oneTimeCode }),
  responses: {
    200: answerOf('AuthenticatedSchema', 'Signed in'),
  },
  errors: {
    401: [ProblemCode.INVALID_CODE, ProblemCode.CHALLENGE_EXPIRED],
    429: [ProblemCode.TOO_MANY_ATTEMPTS],
  },
});

export const mfaResend = routeContract({
  body: z.strictObject({ challengeId: opaqueId }),
  responses: {
    202: answerOf('CodeResentSchema', 'A new code is on its way; the old one no longer works'),
  },
  errors: {
    401: [ProblemCode.CHALLENGE_EXPIRED],
    409: [ProblemCode.RESEND_NOT_AVAILABLE],
    429: [ProblemCode.TOO_MANY_ATTEMPTS, ProblemCode.RESEND_LIMIT_REACHED, ProblemCode.SMS_LIMIT_REACHED],
  },
});

export const logout = routeContract({
  description: 'The token stops working at once, everywhere.',
  responses: { 204: { description: 'Signed out' } },
});
