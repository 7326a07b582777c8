/**
 * License items, the one definition of their shapes. A license is stored three ways:
 * - the license itself, `LICENSE#<id>`, also indexed by workspace in gsi1 (`WSLIC#<workspace>`) and by
 *   expiry day in gsi2 (`EXPIRY#<day>#<shard>`, for the reminder job);
 * - an activation-code lookup item, `CODE#<sha256 of code>` → licenseId, so the code itself is kept
 *   nowhere readable;
 * - one list entry per administrator of its workspace, `ADMIN#<user>` / `LIC#<expiresAt>#<id>`, a copy
 *   of what the list shows, ordered by expiry, and also in gsi1 as `ADMINWS#<user>#<workspace>`.
 * The copies make "my licenses" one Query per page however many workspaces an admin has; the price is
 * writing one entry per admin when a license or a membership changes.
 */
import { activationCodeHint, activationCodeLookupHash } from '../../domain/activation-code';
import type {
  LicensePlacement,
  LicenseRecord,
  LicenseRenewalState,
  LicenseSummary,
  NewLicense,
} from '../../domain/license';
import { Keys } from './table-definition';

export const LicenseKeys = {
  license: Keys.license,
  code: (code: string) => LicenseKeys.codeByHash(activationCodeLookupHash(code)),
  /** The lookup item of a code known only by its hash (the license item keeps the hash). */
  codeByHash: (lookupHash: string) => ({ pk: `CODE#${lookupHash}`, sk: 'CODE' }),
  licensesOfWorkspace: (workspaceId: string) => `WSLIC#${workspaceId}`,
  adminList: (userId: string) => `ADMIN#${userId}`,
  adminWorkspaceList: (userId: string, workspaceId: string) => `ADMINWS#${userId}#${workspaceId}`,
  /** Sort key of a list entry: by expiry (ISO strings sort by time), then id. */
  listEntry: (expiresAt: string, licenseId: string) => `LIC#${expiresAt}#${licenseId}`,
  listEntryPrefix: 'LIC#',
  /** A completed renewal in the license's history, ordered by payment. */
  renewal: (licenseId: string, paidAt: string, orderId: string) => ({
    pk: LicenseKeys.license(licenseId).pk,
    sk: `RENEWAL#${paidAt}#${orderId}`,
  }),
} as const;

const RECORD_FIELDS = [
  'licenseId',
  'workspaceId',
  'productCode',
  'seats',
  'termMonths',
  'purchaseChannel',
  'purchasedAt',
  'startsAt',
  'expiresAt',
  'activationCodeHint',
] as const;

/** Picks the record's fields from an item, dropping keys and bookkeeping. */
export const recordOf = (item: Record<string, unknown>): LicenseRecord =>
  Object.fromEntries(RECORD_FIELDS.map((field) => [field, item[field] ?? null])) as unknown as LicenseRecord;

/** Where a license item's renewal stands (the bookkeeping checkouts and the workflow keep on it). */
export const renewalStateOf = (item: Record<string, unknown>): LicenseRenewalState => ({
  // A checkout of it is PAID or NEEDS_REVIEW; DynamoDB removes a set's attribute when it empties.
  renewalInProgress: item.checkoutsInProgress instanceof Set && item.checkoutsInProgress.size > 0,
  openCheckoutId: typeof item.openCheckoutId === 'string' ? item.openCheckoutId : null,
});

export const summaryOf = (item: Record<string, unknown>): LicenseSummary => ({
  ...(recordOf(item) as LicenseSummary),
  workspaceName: String(item.workspaceName),
  productName: String(item.productName),
});

export const licenseItem = (license: NewLicense) => {
  const { activationCode, ...record } = license;
  return {
    ...LicenseKeys.license(license.licenseId),
    type: 'LICENSE',
    ...record,
    activationCodeHint: activationCodeHint(activationCode),
    ...Keys.expiryEntry(license.licenseId, license.expiresAt),
    ...(license.workspaceId
      ? { gsi1pk: LicenseKeys.licensesOfWorkspace(license.workspaceId), gsi1sk: `LIC#${license.licenseId}` }
      : {}),
  };
};

export const codeItem = (licenseId: string, activationCode: string) => ({
  ...LicenseKeys.code(activationCode),
  type: 'ACTIVATION_CODE',
  licenseId,
});

/** The list entries of a license placed in a workspace: one per administrator. */
export const listEntryItems = (license: LicenseRecord, placement: LicensePlacement) =>
  placement.adminUserIds.map((userId) => ({
    pk: LicenseKeys.adminList(userId),
    sk: LicenseKeys.listEntry(license.expiresAt, license.licenseId),
    gsi1pk: LicenseKeys.adminWorkspaceList(userId, placement.workspaceId),
    gsi1sk: LicenseKeys.listEntry(license.expiresAt, license.licenseId),
    type: 'LICENSE_ENTRY',
    ...license,
    workspaceId: placement.workspaceId,
    workspaceName: placement.workspaceName,
    productName: placement.productName,
  }));

/** Keys of the list entries a stored license has for some administrators. */
export const listEntryKeys = (
  license: Pick<LicenseRecord, 'licenseId' | 'expiresAt'>,
  adminUserIds: readonly string[],
) =>
  adminUserIds.map((userId) => ({
    pk: LicenseKeys.adminList(userId),
    sk: LicenseKeys.listEntry(license.expiresAt, license.licenseId),
  }));
