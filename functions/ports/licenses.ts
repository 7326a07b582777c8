import type {
  LicensePlacement,
  LicenseRecord,
  LicenseRenewalState,
  LicenseSummary,
  NewLicense,
  Renewal,
} from '../domain/license';
import type { WebhookEvent } from '../domain/webhook-event';

export interface LicensePageQuery {
  limit: number;
  /** Opaque position from the previous page (the store's own key, validated by the caller). */
  after?: string;
  workspaceId?: string;
  /** Half-open range of `expiresAt`: [from, to). */
  expiresFrom?: Date;
  expiresBefore?: Date;
}

export interface LicensePage {
  items: LicenseSummary[];
  /** Position after the last item, when more may follow. */
  last?: string;
}

export interface LicenseStore {
  /** The license, whether a paid renewal of it is being completed or reviewed, and its open checkout. */
  get(licenseId: string): Promise<(LicenseRecord & LicenseRenewalState) | null>;
  /** Completed renewals, newest first. */
  listRenewals(licenseId: string): Promise<Renewal[]>;
  /** One page of the licenses of every workspace the user administers, soonest expiry first. */
  listForAdmin(userId: string, query: LicensePageQuery): Promise<LicensePage>;
  /** The license a (normalized) activation code belongs to, if any. */
  findIdByActivationCode(code: string): Promise<string | null>;
  /**
   * Attaches an unattached license, writing its `license.attached` event with it; false when it is
   * attached already (someone got there first), and then there is no event.
   */
  attach(license: LicenseRecord, placement: LicensePlacement, event: WebhookEvent): Promise<boolean>;
  /**
   * Rewrites every administrator's list entry of a license from its current state (after a renewal or
   * an attachment), removing entries left under earlier expiry dates; idempotent. Returns the admins.
   */
  syncListEntries(licenseId: string): Promise<number>;
}

/** The data-file import's writes to licenses, which the app itself never makes. */
export interface LicenseImportStore {
  /** Creates or replaces a license with its code. `placement` is null while unattached. */
  put(license: NewLicense, placement: LicensePlacement | null): Promise<void>;
  /** Deletes a former administrator's list entries for a workspace. */
  removeListEntries(userId: string, workspaceId: string): Promise<number>;
}
