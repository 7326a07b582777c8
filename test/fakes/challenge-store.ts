import type { Challenge } from '../../functions/domain/challenge';
import type { ChallengeStore } from '../../functions/ports/auth-records';
import { copy, MemoryTables } from './memory-tables';

/**
 * {@link ChallengeStore} in memory. Like the adapter it never hides an expired challenge (DynamoDB's TTL
 * is lazy): the use case checks `expiresAt` itself.
 */
export class FakeChallengeStore implements ChallengeStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async create(challenge: Challenge): Promise<void> {
    if (this.tables.challenges.has(challenge.challengeId)) {
      throw Object.assign(new Error(`Challenge ${challenge.challengeId} exists`), {
        name: 'ConditionalCheckFailedException',
      });
    }
    this.tables.challenges.set(challenge.challengeId, copy(challenge));
  }

  public async get(challengeId: string): Promise<Challenge | null> {
    const challenge = this.tables.challenges.get(challengeId);
    return challenge ? copy(challenge) : null;
  }

  public async recordWrongAttempt(challengeId: string, maxAttempts: number): Promise<number | null> {
    const challenge = this.tables.challenges.get(challengeId);
    if (!challenge || !(challenge.wrongAttempts < maxAttempts)) return null;
    challenge.wrongAttempts += 1;
    return challenge.wrongAttempts;
  }

  public async consume(challengeId: string): Promise<boolean> {
    return this.tables.challenges.delete(challengeId);
  }

  public async replaceCode(
    challengeId: string,
    update: { codeHash: string; expiresAt: string; sentAt: string },
    rules: { maxResends: number; notSentAfter: string },
  ): Promise<boolean> {
    const challenge = this.tables.challenges.get(challengeId);
    // `lastSentAt <= :notAfter` is false when the attribute is missing, as in DynamoDB.
    if (
      !challenge ||
      !(challenge.resends < rules.maxResends) ||
      challenge.lastSentAt === undefined ||
      !(challenge.lastSentAt <= rules.notSentAfter)
    ) {
      return false;
    }
    challenge.codeHash = update.codeHash;
    challenge.expiresAt = update.expiresAt;
    challenge.lastSentAt = update.sentAt;
    challenge.resends += 1;
    return true;
  }
}
