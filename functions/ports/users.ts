import type { MfaSetting, PendingEnrolment, User } from '../domain/user';

/** Users, keyed by their normalized email. */
export interface UserStore {
  findByEmail(email: string): Promise<User | null>;
  /** Creates or replaces a user (import). */
  put(user: User): Promise<void>;
  /**
   * Records that TOTP `step` was used. Returns false when that step (or a later one) was already used,
   * so a code can never be accepted twice, even by concurrent requests.
   */
  useTotpStep(email: string, step: number): Promise<boolean>;
  setMfa(email: string, mfa: MfaSetting): Promise<void>;
  setPendingEnrolment(email: string, pending: PendingEnrolment | null): Promise<void>;
  setStepUpCode(email: string, stepUp: User['stepUpCode'] | null): Promise<void>;
}
