import { admitSend } from '../../functions/domain/sms-limits';
import type { SmsQuota, SmsQuotaStore } from '../../functions/ports/auth-records';
import { MemoryTables } from './memory-tables';

/** {@link SmsQuotaStore} in memory: all quotas count the send, or none does. */
export class FakeSmsQuotaStore implements SmsQuotaStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async reserve(
    quotas: readonly SmsQuota[],
    now: Date,
  ): Promise<{ reserved: true } | { retryAfter: number }> {
    const decisions = quotas.map((quota) => ({
      quota,
      decision: admitSend(this.tables.smsQuotas.get(quota.subject) ?? [], now, quota.rule),
    }));
    const refusals = decisions.flatMap(({ decision }) =>
      'retryAfter' in decision ? [decision.retryAfter] : [],
    );
    if (refusals.length > 0) return { retryAfter: Math.max(...refusals) };
    for (const { quota, decision } of decisions) {
      if ('sends' in decision) this.tables.smsQuotas.set(quota.subject, decision.sends);
    }
    return { reserved: true };
  }
}
