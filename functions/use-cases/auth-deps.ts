import type { DerivedKeys } from '../domain/secrets';
import type { ChallengeStore, SessionStore, SmsQuotaStore, ThrottleStore } from '../ports/auth-records';
import type { SmsSender } from '../ports/messaging';
import type { TokenService } from '../ports/tokens';
import type { UserStore } from '../ports/users';

/** The deployment's settings sign-in reads. */
export interface SignInSettings {
  sessionTtlSeconds: number;
  /** scrypt's cost (log2 N) of new password hashes and of the decoy that hides unknown emails. */
  scryptLogN: number;
}

/** What the sign-in use cases need; the handlers fill it from the wiring. */
export interface AuthDeps {
  users: UserStore;
  challenges: ChallengeStore;
  sessions: SessionStore;
  throttle: ThrottleStore;
  smsQuota: SmsQuotaStore;
  sms: SmsSender;
  tokens: TokenService;
  keys: DerivedKeys;
  config: SignInSettings;
}
