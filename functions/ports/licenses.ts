/** A license as stored: never its activation code, only the code's last characters. */
export interface LicenseRecord {
  licenseId: string;
  /** Null for a partner license whose code nobody has entered yet. */
  workspaceId: string | null;
  productCode: string;
  seats: number;
  termMonths: number;
  purchaseChannel: 'ONLINE_STORE' | 'PARTNER';
  purchasedAt: string;
  startsAt: string;
  expiresAt: string;
  activationCodeHint: string;
}

/** A license as imported: with its full activation code, which is stored only as a hash and a hint. */
export type NewLicense = Omit<LicenseRecord, 'activationCodeHint'> & { activationCode: string };

/** A license of a workspace, with the names the list shows. */
export interface LicenseSummary extends LicenseRecord {
  workspaceId: string;
  workspaceName: string;
  productName: string;
}

/** Where a license of an attached workspace is listed: its workspace, the names, and the admins. */
export interface LicensePlacement {
  workspaceId: string;
  workspaceName: string;
  productName: string;
  adminUserIds: readonly string[];
}

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

/** Where a license's renewal stands, kept on the license item by checkouts and the purchase workflow. */
export interface LicenseRenewalState {
  renewalInProgress: boolean;
  /** The checkout currently OPEN for this license, if any. */
  openCheckoutId: string | null;
}

/** A completed renewal, for the license's history. */
export interface Renewal {
  checkoutId: string;
  paidAt: string;
  previousExpiresAt: string;
  newExpiresAt: string;
  termMonths: number;
  activationCodeHint: string;
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
  /** Creates or replaces a license with its code (import). `placement` is null while unattached. */
  put(license: NewLicense, placement: LicensePlacement | null): Promise<void>;
  /** Deletes a former administrator's list entries for a workspace. */
  removeListEntries(userId: string, workspaceId: string): Promise<number>;
  /** Attaches an unattached license; false when it is attached already (someone got there first). */
  attach(license: LicenseRecord, placement: LicensePlacement): Promise<boolean>;
  /**
   * Rewrites every administrator's list entry of a license from its current state (after a renewal or
   * an attachment), removing entries left under earlier expiry dates; idempotent. Returns the admins.
   */
  syncListEntries(licenseId: string): Promise<number>;
}
