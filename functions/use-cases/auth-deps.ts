import type { Config } from '../config';
import type { DerivedKeys } from '../domain/secrets';
import type { TokenService } from '../domain/tokens';
import type { ChallengeStore, SessionStore, SmsQuotaStore, ThrottleStore } from '../ports/auth-records';
import type { SmsSender } from '../ports/messaging';
import type { UserStore } from '../ports/users';

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
  config: Pick<Config, 'sessionTtlSeconds' | 'scryptLogN'>;
}
