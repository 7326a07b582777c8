/**
 * Entering an activation code attaches its license to a workspace (PRODUCT.md §1): how a license sold
 * by a partner arrives. Wrong codes count per user and are throttled like sign-in failures, so codes
 * cannot be guessed at speed.
 */
import { normalizeActivationCode } from '../domain/activation-code';
import { keyedHash } from '../domain/one-time-code';
import { blockedUntil, secondsUntil } from '../domain/throttle';
import { Problem, ProblemCode } from '../http/problem';
import type { ThrottleStore } from '../ports/auth-records';
import { failureThrottle, tooManyAttempts } from './attempt-limits';
import { type LicenseDeps, licenseView } from './licenses';

export interface ActivationCodeDeps extends LicenseDeps {
  throttle: ThrottleStore;
  pepper: Uint8Array;
}

export const enterActivationCode = async (
  deps: ActivationCodeDeps,
  userId: string,
  workspaceId: string,
  input: string,
  now: Date,
): Promise<{ created: boolean; license: ReturnType<typeof licenseView> }> => {
  const workspace = await deps.workspaces.getForAdmin(userId, workspaceId);
  if (!workspace) throw new Problem(404, ProblemCode.NOT_FOUND);
  const subject = keyedHash(deps.pepper, 'activation-code', userId);
  const retryAfter = secondsUntil((await deps.throttle.get(subject)).blockedUntil, now);
  if (retryAfter > 0) throw tooManyAttempts(retryAfter);

  const code = normalizeActivationCode(input);
  const licenseId = code ? await deps.licenses.findIdByActivationCode(code) : null;
  const license = licenseId ? await deps.licenses.get(licenseId) : null;
  if (!license) {
    await deps.throttle.recordFailure(subject, (failures) => blockedUntil(failures, now, failureThrottle));
    throw new Problem(422, ProblemCode.INVALID_ACTIVATION_CODE);
  }
  const product = await deps.catalog.getProduct(license.productCode);
  const placement = {
    workspaceId,
    workspaceName: workspace.name,
    productName: product?.name ?? license.productCode,
    adminUserIds: await deps.workspaces.adminsOf(workspaceId),
  };
  const view = () => licenseView({ ...license, ...placement }, now, deps.policy.windowDays);

  if (license.workspaceId === workspaceId) {
    // The same code again: finishes the list entries an interrupted attachment may have left unwritten.
    await deps.licenses.syncListEntries(license.licenseId);
    return { created: false, license: view() };
  }
  if (license.workspaceId !== null) throw new Problem(409, ProblemCode.ACTIVATION_CODE_IN_USE);
  if (await deps.licenses.attach(license, placement)) return { created: true, license: view() };
  // Someone attached it between our read and our write: answer as if we had read it attached.
  const current = await deps.licenses.get(license.licenseId);
  if (current?.workspaceId === workspaceId) return { created: false, license: view() };
  throw new Problem(409, ProblemCode.ACTIVATION_CODE_IN_USE);
};
