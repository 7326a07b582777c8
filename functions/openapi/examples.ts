/**
 * The document's examples, computed from the bundled demo data (`npm start` serves the same accounts
 * and licenses) by the same views the API answers with, as of a fixed instant so the document is
 * deterministic. Each example is validated against its schema by the tests.
 */
import { activationCodeHint } from '../domain/activation-code';
import { evaluateEligibility } from '../domain/eligibility';
import { describeEligibility } from '../domain/eligibility-messages';
import type { LicenseSummary } from '../domain/license';
import { quote } from '../domain/pricing';
import { renewalTerm } from '../domain/renewal-term';
import { buildDemoData, DemoAccounts, DemoLicenses, DemoPartnerCodes } from '../seed/demo-data';
import { licenseView } from '../use-cases/licenses';

/** Examples by component schema name. */
export type Examples = Record<string, unknown>;

/** The instant the examples are computed at. */
export const EXAMPLES_AT = new Date('2026-11-27T09:00:00.000Z');
const WINDOW_DAYS = 30;
const LEGACY_CUTOFF = new Date('2019-04-01T00:00:00.000Z');

export const examplesFromDemoData = (): Examples => {
  const now = EXAMPLES_AT;
  const data = buildDemoData(now);
  const summaryOf = (licenseId: string) => {
    const license = data.licenses.find((candidate) => candidate.licenseId === licenseId);
    const workspace = data.workspaces.find((candidate) => candidate.workspaceId === license?.workspaceId);
    const product = data.products.find((candidate) => candidate.productCode === license?.productCode);
    if (!license || !workspace || !product)
      throw new Error(`The demo data has no ${licenseId} in a workspace`);
    const { activationCode, ...record } = license;
    const summary: LicenseSummary = {
      ...record,
      workspaceId: workspace.workspaceId,
      workspaceName: workspace.name,
      productName: product.name,
      activationCodeHint: activationCodeHint(activationCode),
    };
    const price = data.prices.find(
      (candidate) =>
        candidate.productCode === license.productCode && candidate.countryCode === workspace.countryCode,
    );
    const verdict = evaluateEligibility(
      {
        licenseId,
        purchaseChannel: license.purchaseChannel,
        purchasedAt: new Date(license.purchasedAt),
        expiresAt: new Date(license.expiresAt),
        productRenewableOnline: product.renewableOnline,
        workspaceCountryCode: workspace.countryCode,
        priceAvailable: price !== undefined,
        renewalInProgress: false,
      },
      now,
      { windowDays: WINDOW_DAYS, legacyCutoff: LEGACY_CUTOFF },
    );
    return { summary, workspace, price, eligibility: describeEligibility(verdict, 'en', WINDOW_DAYS) };
  };

  const eligible = summaryOf(DemoLicenses.eligible.licenseId);
  const partner = summaryOf(DemoLicenses.partner.licenseId);
  const license = licenseView(eligible.summary, now, WINDOW_DAYS);
  const checkoutId = 'co_0f8e4d2a9b6c4e1f8a7d3c2b1a09f8e7';
  const price = eligible.price;
  if (!price) throw new Error('The demo data has no price for the eligible license');
  const checkout = {
    checkoutId,
    licenseId: license.licenseId,
    workspaceId: license.workspaceId,
    status: 'OPEN',
    redirectUrl: `http://127.0.0.1:3000/_local/store/checkouts/${checkoutId}`,
    expiresAt: new Date(now.getTime() + 30 * 60_000).toISOString(),
    price: quote(price, license.seats, data.offers, now),
    term: renewalTerm(new Date(license.expiresAt), now, license.termMonths),
    createdAt: now.toISOString(),
  };
  const expiresAt = new Date(now.getTime() + 5 * 60_000).toISOString();
  return {
    License: license,
    LicensePage: { items: [license], nextCursor: 'eyJ2IjoxfQ.example' },
    LicenseDetails: { ...license, eligibility: eligible.eligibility, renewals: [] },
    Eligibility: partner.eligibility,
    Checkout: checkout,
    WorkspaceList: {
      items: data.workspaces
        .filter((workspace) => workspace.admins.includes(DemoAccounts.noMfa.email))
        .slice(0, 2)
        .map(({ workspaceId, name, countryCode }) => ({ workspaceId, name, countryCode })),
    },
    Profile: {
      userId: 'usr_demo_admin',
      email: DemoAccounts.noMfa.email,
      locale: 'en',
      mfa: { method: 'NONE' },
    },
    SignInResult: {
      status: 'MFA_REQUIRED',
      challengeId: 'Zm9yLWV4YW1wbGUtb25seS1ub3QtYS1yZWFsLWlk',
      method: 'SMS',
      destination: '+48*******89',
      expiresAt,
    },
    Health: { status: 'ok' },
    LoginRequest: { email: DemoAccounts.noMfa.email, password: DemoAccounts.noMfa.password },
    MfaVerifyRequest: { challengeId: 'Zm9yLWV4YW1wbGUtb25seS1ub3QtYS1yZWFsLWlk', code: '123456' },
    ActivationCodeRequest: { activationCode: DemoPartnerCodes[0]?.activationCode },
  };
};
