/**
 * Entering an activation code attaches its license to a workspace (PRODUCT.md §1): how a license sold
 * by a partner arrives. Wrong codes count per user and are throttled like sign-in failures, so codes
 * cannot be guessed at speed.
 */

import { normalizeActivationCode } from '../domain/activation-code';
import type { Actor } from '../domain/actor';
import { keyedHash } from '../domain/one-time-code';
import { newWebhookEvent, WebhookEventType } from '../domain/webhook-event';
import type { ThrottleStore } from '../ports/auth-records';
import { giveBackAttempt, takeAttempt } from './auth-common';
import { conflict, ErrorCode, notFound, rejected } from './errors';
import { type LicenseDeps, licenseView } from './licenses';
import { workspaceOfActor } from './workspace-access';

export interface ActivationCodeDeps extends LicenseDeps {
  throttle: ThrottleStore;
  pepper: Uint8Array;
}

export const enterActivationCode = async (
  deps: ActivationCodeDeps,
  actor: Actor,
  workspaceId: string,
  input: string,
  now: Date,
): Promise<{ created: boolean; license: ReturnType<typeof licenseView> }> => {
  const { userId } = actor;
  const workspace = await workspaceOfActor(deps.workspaces, actor, workspaceId);
  if (!workspace) throw notFound();
  const subject = keyedHash(deps.pepper, 'activation-code', userId);
  // Reserved before the code is looked up, so concurrent guesses cannot pass the limit.
  const slot = await takeAttempt(deps.throttle, subject, now);

  const code = normalizeActivationCode(input);
  const licenseId = code ? await deps.licenses.findIdByActivationCode(code) : null;
  const license = licenseId ? await deps.licenses.get(licenseId) : null;
  if (!license) throw rejected(ErrorCode.INVALID_ACTIVATION_CODE);
  // A real code. Attaching it is a success (the count resets). Entering one already attached, here or
  // elsewhere, is not a wrong guess, so its slot is given back; it must not reset the count, or a code of
  // one's own workspace entered between guesses would make guessing unlimited.
  const attached = async <T>(result: T): Promise<T> => {
    await deps.throttle.reset(subject);
    return result;
  };
  const alreadyHere = async <T>(result: T): Promise<T> => {
    await giveBackAttempt(deps.throttle, slot);
    return result;
  };
  const inUse = async (): Promise<never> => {
    await giveBackAttempt(deps.throttle, slot);
    throw conflict(ErrorCode.ACTIVATION_CODE_IN_USE);
  };
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
    return alreadyHere({ created: false, license: view() });
  }
  if (license.workspaceId !== null) return inUse();
  const event = newWebhookEvent(
    WebhookEventType.LICENSE_ATTACHED,
    { licenseId: license.licenseId, workspaceId },
    now,
  );
  if (await deps.licenses.attach(license, placement, event))
    return attached({ created: true, license: view() });
  // Someone attached it between our read and our write: answer as if we had read it attached.
  const current = await deps.licenses.get(license.licenseId);
  if (current?.workspaceId === workspaceId) return alreadyHere({ created: false, license: view() });
  return inUse();
};
