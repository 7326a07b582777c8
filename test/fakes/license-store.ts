import { activationCodeHint, activationCodeLookupHash } from '../../functions/domain/activation-code';
import type {
  LicensePlacement,
  LicenseRecord,
  LicenseRenewalState,
  LicenseSummary,
  NewLicense,
  Renewal,
} from '../../functions/domain/license';
import type { WebhookEvent } from '../../functions/domain/webhook-event';
import type { LicensePage, LicensePageQuery, LicenseStore } from '../../functions/ports/licenses';
import { copy, MemoryTables } from './memory-tables';

/** A list entry's position: by expiry (ISO strings sort by time), then id; also the page cursor. */
export const listEntryKey = (expiresAt: string, licenseId: string): string => `LIC#${expiresAt}#${licenseId}`;

const PREFIX = 'LIC#';

/**
 * {@link LicenseStore} in memory, keeping the license, its code lookup and one list entry per
 * administrator as the adapter does (see `adapters/dynamodb/license-items.ts`), so entries go stale and
 * get rewritten exactly when the adapter's would. Cursors are the adapter's: the last entry's sort key.
 */
export class FakeLicenseStore implements LicenseStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async get(licenseId: string): Promise<(LicenseRecord & LicenseRenewalState) | null> {
    const row = this.tables.licenses.get(licenseId);
    if (!row) return null;
    return {
      ...copy(row.record),
      renewalInProgress: row.checkoutsInProgress.size > 0,
      openCheckoutId: row.openCheckoutId ?? null,
    };
  }

  public async listRenewals(licenseId: string): Promise<Renewal[]> {
    const renewals = this.tables.renewals.get(licenseId) ?? new Map<string, Renewal>();
    return [...renewals.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([, renewal]) => copy(renewal));
  }

  public async listForAdmin(userId: string, query: LicensePageQuery): Promise<LicensePage> {
    const low = query.expiresFrom ? `${PREFIX}${query.expiresFrom.toISOString()}` : PREFIX;
    const high = query.expiresBefore ? `${PREFIX}${query.expiresBefore.toISOString()}` : 'LIC$';
    const matching = [...(this.tables.listEntries.get(userId)?.entries() ?? [])]
      .filter(([, entry]) => query.workspaceId === undefined || entry.workspaceId === query.workspaceId)
      .filter(([key]) => key >= low && key <= high && (query.after === undefined || key > query.after))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const page = matching.slice(0, query.limit);
    const lastKey = page.at(-1)?.[0];
    return {
      items: page.map(([, entry]) => copy(entry)),
      last: matching.length > query.limit && lastKey !== undefined ? lastKey : undefined,
    };
  }

  public async findIdByActivationCode(code: string): Promise<string | null> {
    return this.tables.codes.get(activationCodeLookupHash(code)) ?? null;
  }

  public async put(license: NewLicense, placement: LicensePlacement | null): Promise<void> {
    const { activationCode, ...rest } = license;
    const record: LicenseRecord = { ...rest, activationCodeHint: activationCodeHint(activationCode) };
    const hash = activationCodeLookupHash(activationCode);
    const previous = this.tables.licenses.get(license.licenseId);
    if (previous) {
      if (previous.activationCodeHash !== hash) this.tables.codes.delete(previous.activationCodeHash);
      const old = previous.record;
      const moved = old.expiresAt !== license.expiresAt || old.workspaceId !== license.workspaceId;
      if (old.workspaceId && moved) {
        this.deleteEntries(old.licenseId, old.expiresAt, this.adminsOf(old.workspaceId));
      }
    }
    // A put replaces the whole license item: its renewal bookkeeping goes with it.
    this.tables.licenses.set(license.licenseId, {
      record: copy(record),
      activationCodeHash: hash,
      checkoutsInProgress: new Set(),
      staleExpiresAt: new Set(),
    });
    this.tables.codes.set(hash, license.licenseId);
    if (placement) this.putEntries(record, placement);
  }

  public async removeListEntries(userId: string, workspaceId: string): Promise<number> {
    const entries = this.tables.listEntries.get(userId);
    if (!entries) return 0;
    let removed = 0;
    for (const [key, entry] of entries) {
      if (entry.workspaceId !== workspaceId) continue;
      entries.delete(key);
      removed++;
    }
    return removed;
  }

  public async attach(
    license: LicenseRecord,
    placement: LicensePlacement,
    event: WebhookEvent,
  ): Promise<boolean> {
    const row = this.tables.licenses.get(license.licenseId);
    if (!row || row.record.workspaceId !== null) return false;
    row.record.workspaceId = placement.workspaceId;
    this.tables.putWebhookEvent(event);
    await this.syncListEntries(license.licenseId);
    return true;
  }

  /** From the stored license, its workspace and product alone, like the adapter (names may be stale). */
  public async syncListEntries(licenseId: string): Promise<number> {
    const row = this.tables.licenses.get(licenseId);
    if (!row?.record.workspaceId) return 0;
    const license = row.record;
    const workspace = this.tables.workspaces.get(license.workspaceId as string);
    const admins = workspace?.adminUserIds ?? [];
    for (const expiresAt of row.staleExpiresAt) {
      if (expiresAt !== license.expiresAt) this.deleteEntries(licenseId, expiresAt, admins);
    }
    this.putEntries(license, {
      workspaceId: license.workspaceId as string,
      workspaceName: workspace?.workspace.name ?? '',
      productName: this.tables.products.get(license.productCode)?.name ?? license.productCode,
      adminUserIds: admins,
    });
    row.staleExpiresAt.clear();
    return admins.length;
  }

  private adminsOf(workspaceId: string): readonly string[] {
    return this.tables.workspaces.get(workspaceId)?.adminUserIds ?? [];
  }

  private deleteEntries(licenseId: string, expiresAt: string, admins: readonly string[]): void {
    for (const userId of admins)
      this.tables.listEntries.get(userId)?.delete(listEntryKey(expiresAt, licenseId));
  }

  private putEntries(license: LicenseRecord, placement: LicensePlacement): void {
    for (const userId of placement.adminUserIds) {
      const entries = this.tables.listEntries.get(userId) ?? new Map<string, LicenseSummary>();
      entries.set(listEntryKey(license.expiresAt, license.licenseId), {
        ...copy(license),
        workspaceId: placement.workspaceId,
        workspaceName: placement.workspaceName,
        productName: placement.productName,
      });
      this.tables.listEntries.set(userId, entries);
    }
  }
}
