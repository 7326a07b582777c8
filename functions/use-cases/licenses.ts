/**
 * The Licenses tab: the list across all my workspaces, one license with its eligibility, and the
 * eligibility verdict alone. Licenses of workspaces the caller does not administer are NOT_FOUND,
 * exactly like licenses that do not exist.
 */

import { type Actor, actsIn } from '../domain/actor';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { type EligibilityPolicy, eligibilityFactsOf, evaluateEligibility } from '../domain/eligibility';
import { describeEligibility } from '../domain/eligibility-messages';
import type { LicenseSummary } from '../domain/license';
import { daysRemaining, expiryRangeOf, type LicenseStatus, licenseStatus } from '../domain/license-status';
import type { Locale } from '../domain/locale';
import type { CatalogStore } from '../ports/catalog';
import type { LicenseStore } from '../ports/licenses';
import type { WorkspaceStore } from '../ports/workspaces';
import { invalidInput, notFound } from './errors';

export interface LicenseDeps {
  licenses: LicenseStore;
  workspaces: WorkspaceStore;
  catalog: CatalogStore;
  cursorKey: Uint8Array;
  policy: EligibilityPolicy;
}

/** A license as the API shows it. */
export const licenseView = (license: LicenseSummary, now: Date, windowDays: number) => ({
  licenseId: license.licenseId,
  workspaceId: license.workspaceId,
  workspaceName: license.workspaceName,
  productCode: license.productCode,
  productName: license.productName,
  seats: license.seats,
  termMonths: license.termMonths,
  purchaseChannel: license.purchaseChannel,
  purchasedAt: license.purchasedAt,
  startsAt: license.startsAt,
  expiresAt: license.expiresAt,
  daysRemaining: daysRemaining(new Date(license.expiresAt), now),
  status: licenseStatus(new Date(license.expiresAt), now, windowDays),
  activationCodeHint: license.activationCodeHint,
});

export interface ListQuery {
  limit: number;
  cursor?: string;
  workspaceId?: string;
  status?: LicenseStatus;
}

export const listLicenses = async (deps: LicenseDeps, actor: Actor, requested: ListQuery, now: Date) => {
  const { userId } = actor;
  // A key lists its own workspace only; asking for another is asking for one that is not yours.
  if (requested.workspaceId && !actsIn(actor, requested.workspaceId)) throw notFound();
  const query = { ...requested, workspaceId: requested.workspaceId ?? actor.workspaceId };
  // The cursor is bound to the user and the filters it was issued for.
  const scope = JSON.stringify([
    'licenses',
    userId,
    query.workspaceId ?? null,
    query.status ?? null,
    query.limit,
  ]);
  const after = query.cursor ? decodeCursor(deps.cursorKey, scope, query.cursor) : undefined;
  if (after === null) {
    throw invalidInput([{ path: 'query.cursor', message: 'Not a cursor this API issued for this query' }]);
  }
  const range = query.status ? expiryRangeOf(query.status, now, deps.policy.windowDays) : {};
  const page = await deps.licenses.listForAdmin(userId, {
    limit: query.limit,
    after,
    workspaceId: query.workspaceId,
    expiresFrom: range.from,
    expiresBefore: range.to,
  });
  // List entries exist only for a workspace's administrators, so a non-empty page proves membership;
  // only an empty one costs the extra read that tells "none" (200) from "not yours" (404).
  if (
    query.workspaceId &&
    page.items.length === 0 &&
    !(await deps.workspaces.getForAdmin(userId, query.workspaceId))
  ) {
    throw notFound();
  }
  return {
    items: page.items.map((license) => licenseView(license, now, deps.policy.windowDays)),
    nextCursor: page.last ? encodeCursor(deps.cursorKey, scope, page.last) : null,
  };
};

/** A workspace id no membership has (workspace ids never contain spaces). */
const NO_WORKSPACE = ' none';

/** A license the user administers, with what its views need, or 404. */
const loadOwnLicense = async (deps: LicenseDeps, actor: Actor, licenseId: string) => {
  const license = await deps.licenses.get(licenseId);
  // A missing, unattached or (for a key) other workspace's license still pays for the membership read,
  // so "missing" and "not yours" answer 404 after the same reads, in the same time.
  const workspaceId =
    license?.workspaceId && actsIn(actor, license.workspaceId) ? license.workspaceId : NO_WORKSPACE;
  const workspace = await deps.workspaces.getForAdmin(actor.userId, workspaceId);
  if (!license || !workspace) throw notFound();
  const [product, price] = await Promise.all([
    deps.catalog.getProduct(license.productCode),
    workspace.countryCode ? deps.catalog.getPrice(license.productCode, workspace.countryCode) : null,
  ]);
  return { license: { ...license, workspaceId: workspace.workspaceId }, workspace, product, price };
};

/**
 * A license the user administers with everything known about it, and its eligibility verdict.
 * @throws ApplicationError 404 when the license does not exist or is not the user's.
 */
export const assessLicense = async (deps: LicenseDeps, actor: Actor, licenseId: string, now: Date) => {
  const { license, workspace, product, price } = await loadOwnLicense(deps, actor, licenseId);
  const verdict = evaluateEligibility(
    eligibilityFactsOf(license, workspace.countryCode, product, price),
    now,
    deps.policy,
  );
  return { license, workspace, product, price, verdict };
};

export const licenseEligibility = async (
  deps: LicenseDeps,
  actor: Actor,
  licenseId: string,
  now: Date,
  locale: Locale,
) => {
  const { verdict } = await assessLicense(deps, actor, licenseId, now);
  return describeEligibility(verdict, locale, deps.policy.windowDays);
};

export const licenseDetails = async (
  deps: LicenseDeps,
  actor: Actor,
  licenseId: string,
  now: Date,
  locale: Locale,
) => {
  const { license, workspace, product, verdict } = await assessLicense(deps, actor, licenseId, now);
  const summary = {
    ...license,
    workspaceName: workspace.name,
    productName: product?.name ?? license.productCode,
  };
  return {
    ...licenseView(summary, now, deps.policy.windowDays),
    eligibility: describeEligibility(verdict, locale, deps.policy.windowDays),
    renewals: await deps.licenses.listRenewals(license.licenseId),
  };
};

/** The workspaces the actor administers; a key sees its own one only. */
export const listWorkspaces = async (deps: Pick<LicenseDeps, 'workspaces'>, actor: Actor) => {
  if (actor.workspaceId === undefined) return deps.workspaces.listForAdmin(actor.userId);
  const workspace = await deps.workspaces.getForAdmin(actor.userId, actor.workspaceId);
  return workspace ? [workspace] : [];
};
