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
