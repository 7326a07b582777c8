import type { MfaSetting, PendingEnrolment, User } from '../../functions/domain/user';
import type { UserStore } from '../../functions/ports/users';
import { copy, MemoryTables } from './memory-tables';

/** A missing user fails an update, as the adapter's `attribute_exists(pk)` condition does. */
const noSuchUser = (email: string) =>
  Object.assign(new Error(`No user ${email}`), { name: 'ConditionalCheckFailedException' });

/** {@link UserStore} in memory; the email is used as given (callers normalize it), like the adapter. */
export class FakeUserStore implements UserStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async findByEmail(email: string): Promise<User | null> {
    const user = this.tables.users.get(email);
    return user ? copy(user) : null;
  }

  public async put(user: User): Promise<void> {
    this.tables.users.set(user.email, copy(user));
  }

  public async useTotpStep(email: string, step: number): Promise<boolean> {
    const user = this.tables.users.get(email);
    if (!user || (user.lastTotpStep !== undefined && user.lastTotpStep >= step)) return false;
    user.lastTotpStep = step;
    return true;
  }

  public async setMfa(email: string, mfa: MfaSetting): Promise<void> {
    const user = this.existing(email);
    user.mfa = copy(mfa);
    delete user.pendingEnrolment;
    delete user.stepUpCode;
  }

  public async setPendingEnrolment(email: string, pending: PendingEnrolment | null): Promise<void> {
    const user = this.existing(email);
    if (pending) user.pendingEnrolment = copy(pending);
    else delete user.pendingEnrolment;
  }

  public async setStepUpCode(email: string, stepUp: User['stepUpCode'] | null): Promise<void> {
    const user = this.existing(email);
    if (stepUp) user.stepUpCode = copy(stepUp);
    else delete user.stepUpCode;
  }

  private existing(email: string): User {
    const user = this.tables.users.get(email);
    if (!user) throw noSuchUser(email);
    return user;
  }
}
