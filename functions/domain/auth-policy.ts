/** Sign-in policy. PRODUCT.md fixes these numbers; they are named here, once. */
export const AuthPolicy = {
  smsCodeTtlSeconds: 5 * 60,
  maxWrongCodesPerChallenge: 5,
  maxResends: 3,
  resendIntervalSeconds: 30,
  /** Consecutive failures (password or code) before an email is throttled. */
  throttleAfterFailures: 5,
  throttleBaseSeconds: 30,
  throttleMaxSeconds: 15 * 60,
  /** An enrolment (new phone or authenticator) must be confirmed within this time. */
  enrolmentTtlSeconds: 10 * 60,
  /** SMS codes (sign-in, resend, enrolment, step-up together) per user per rolling window. */
  smsPerUser: { maxSends: 5, windowSeconds: 3600 },
  /** SMS codes per phone number per rolling window, whoever asks. */
  smsPerPhoneNumber: { maxSends: 10, windowSeconds: 24 * 3600 },
} as const;
