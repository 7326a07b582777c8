import { generateActivationCode } from '../../functions/domain/activation-code';
import type { LicensePlacement, NewLicense } from '../../functions/domain/license';
import { newWebhookEvent, type WebhookEvent } from '../../functions/domain/webhook-event';
import type { Workspace } from '../../functions/domain/workspace';
import type { LicenseImportStore, LicenseStore } from '../../functions/ports/licenses';
import type { WebhookEventStore } from '../../functions/ports/webhooks';
import type { WorkspaceStore } from '../../functions/ports/workspaces';
import { uniqueId } from './ids';

/** A license store and the workspace store whose administrators its lists follow. */
export interface LicenseSubject {
  licenses: LicenseStore & LicenseImportStore;
  workspaces: WorkspaceStore;
  webhookEvents: WebhookEventStore;
}

const day = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 24 * 3600 * 1000).toISOString();

/** What {@link LicenseStore} promises, for any implementation `make` returns. */
export const describeLicenseStoreContract = (name: string, make: () => Promise<LicenseSubject>) => {
  describe(`LicenseStore contract: ${name}`, () => {
    let licenses: LicenseStore & LicenseImportStore;
    let workspaces: WorkspaceStore;
    let webhookEvents: WebhookEventStore;

    const newLicense = (workspaceId: string | null, expiresInDays: number): NewLicense => ({
      licenseId: uniqueId('lic'),
      workspaceId,
      productCode: 'EPS-CLOUD',
      seats: 10,
      termMonths: 12,
      purchaseChannel: workspaceId ? 'ONLINE_STORE' : 'PARTNER',
      purchasedAt: day(-365),
      startsAt: day(-365),
      expiresAt: day(expiresInDays),
      activationCode: generateActivationCode(),
    });
    /** A workspace with its admins stored, and the placement of its licenses. */
    const givenWorkspace = async (admins: string[]): Promise<LicensePlacement & { workspace: Workspace }> => {
      const workspace = { workspaceId: uniqueId('ws'), name: `Acme ${uniqueId('n')}`, countryCode: 'PL' };
      await workspaces.put(workspace, admins);
      return {
        workspace,
        workspaceId: workspace.workspaceId,
        workspaceName: workspace.name,
        productName: 'Endpoint Security Cloud',
        adminUserIds: admins,
      };
    };
    const givenLicense = async (placement: LicensePlacement | null, expiresInDays: number) => {
      const license = newLicense(placement?.workspaceId ?? null, expiresInDays);
      await licenses.put(license, placement);
      return license;
    };
    const idsOf = (page: { items: Array<{ licenseId: string }> }) => page.items.map((item) => item.licenseId);

    beforeEach(async () => {
      ({ licenses, workspaces, webhookEvents } = await make());
    });

    it('returns a put license with its code hint, no renewal in progress and no open checkout', async () => {
      // Arrange
      const placement = await givenWorkspace([uniqueId('usr')]);

      // Act
      const license = await givenLicense(placement, 10);

      // Assert
      const { activationCode, ...record } = license;
      expect(await licenses.get(license.licenseId)).toEqual({
        ...record,
        activationCodeHint: activationCode.slice(-5),
        renewalInProgress: false,
        openCheckoutId: null,
      });
      expect(await licenses.get('no-such-license')).toBeNull();
    });

    it('finds a license by its code until the code is replaced', async () => {
      // Arrange
      const license = await givenLicense(null, 10);
      const replaced = { ...license, activationCode: generateActivationCode() };

      // Act
      const before = await licenses.findIdByActivationCode(license.activationCode);
      await licenses.put(replaced, null);

      // Assert
      expect(before).toBe(license.licenseId);
      expect(await licenses.findIdByActivationCode(license.activationCode)).toBeNull();
      expect(await licenses.findIdByActivationCode(replaced.activationCode)).toBe(license.licenseId);
    });

    it('pages through an administrator’s licenses, soonest expiry first, with no empty last page', async () => {
      // Arrange
      const ann = uniqueId('usr');
      const first = await givenWorkspace([ann]);
      const second = await givenWorkspace([ann]);
      const stored = [
        await givenLicense(first, 30),
        await givenLicense(second, 10),
        await givenLicense(first, 20),
        await givenLicense(second, 40),
      ];
      const expected = [stored[1], stored[2], stored[0], stored[3]].map((l) => l?.licenseId);

      // Act
      const page1 = await licenses.listForAdmin(ann, { limit: 2 });
      const page2 = await licenses.listForAdmin(ann, { limit: 2, after: page1.last });

      // Assert
      expect([...idsOf(page1), ...idsOf(page2)]).toEqual(expected);
      expect(page1.last).toEqual(expect.any(String));
      expect(page2.last).toBeUndefined();
      expect(page1.items[0]).toMatchObject({
        workspaceId: second.workspaceId,
        workspaceName: second.workspaceName,
        productName: 'Endpoint Security Cloud',
      });
    });

    it('pages through one workspace’s licenses only', async () => {
      // Arrange
      const ann = uniqueId('usr');
      const first = await givenWorkspace([ann]);
      const second = await givenWorkspace([ann]);
      const a = await givenLicense(first, 5);
      await givenLicense(second, 6);
      const c = await givenLicense(first, 7);
      const d = await givenLicense(first, 8);

      // Act
      const page1 = await licenses.listForAdmin(ann, { limit: 2, workspaceId: first.workspaceId });
      const page2 = await licenses.listForAdmin(ann, {
        limit: 2,
        workspaceId: first.workspaceId,
        after: page1.last,
      });

      // Assert
      expect(idsOf(page1)).toEqual([a.licenseId, c.licenseId]);
      expect(idsOf(page2)).toEqual([d.licenseId]);
      expect(page2.last).toBeUndefined();
    });

    it('filters by a half-open range of expiry, [from, before)', async () => {
      // Arrange
      const ann = uniqueId('usr');
      const placement = await givenWorkspace([ann]);
      await givenLicense(placement, 9);
      const atFrom = await givenLicense(placement, 10);
      const inside = await givenLicense(placement, 15);
      await givenLicense(placement, 20);

      // Act
      const page = await licenses.listForAdmin(ann, {
        limit: 10,
        expiresFrom: new Date(day(10)),
        expiresBefore: new Date(day(20)),
      });

      // Assert
      expect(idsOf(page)).toEqual([atFrom.licenseId, inside.licenseId]);
      expect(page.last).toBeUndefined();
    });

    it('lists an unattached license for nobody until it is attached, once', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];
      const placement = await givenWorkspace([ann, bob]);
      const license = await givenLicense(null, 10);
      const record = await licenses.get(license.licenseId);
      if (!record) throw new Error('license not stored');

      // Act
      const before = await licenses.listForAdmin(ann, { limit: 10 });
      const [firstEvent, secondEvent] = [1, 2].map(() =>
        newWebhookEvent(
          'license.attached',
          { licenseId: license.licenseId, workspaceId: placement.workspaceId },
          new Date(day(0)),
        ),
      ) as [WebhookEvent, WebhookEvent];
      const first = await licenses.attach(record, placement, firstEvent);
      const second = await licenses.attach(record, placement, secondEvent);

      // Assert
      expect(idsOf(before)).toEqual([]);
      expect([first, second]).toEqual([true, false]);
      expect((await licenses.get(license.licenseId))?.workspaceId).toBe(placement.workspaceId);
      expect(idsOf(await licenses.listForAdmin(ann, { limit: 10 }))).toEqual([license.licenseId]);
      expect(idsOf(await licenses.listForAdmin(bob, { limit: 10 }))).toEqual([license.licenseId]);
      expect(await webhookEvents.get(firstEvent.id)).toEqual(firstEvent);
      expect(await webhookEvents.get(secondEvent.id)).toBeNull();
    });

    it('does not attach a license that does not exist', async () => {
      // Arrange
      const placement = await givenWorkspace([uniqueId('usr')]);
      const { activationCode: _code, ...ghost } = newLicense(null, 10);

      // Act
      const event = newWebhookEvent(
        'license.attached',
        { licenseId: ghost.licenseId, workspaceId: placement.workspaceId },
        new Date(),
      );
      const attached = await licenses.attach({ ...ghost, activationCodeHint: 'XXXXX' }, placement, event);

      // Assert
      expect(attached).toBe(false);
      expect(await webhookEvents.get(event.id)).toBeNull();
    });

    it('moves the list entry of a license put again with another expiry', async () => {
      // Arrange
      const ann = uniqueId('usr');
      const placement = await givenWorkspace([ann]);
      const license = await givenLicense(placement, 10);

      // Act
      await licenses.put({ ...license, expiresAt: day(50) }, placement);

      // Assert
      const page = await licenses.listForAdmin(ann, { limit: 10 });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ licenseId: license.licenseId, expiresAt: day(50) });
    });

    it('removes a former administrator’s entries of one workspace and counts them', async () => {
      // Arrange
      const ann = uniqueId('usr');
      const leaving = await givenWorkspace([ann]);
      const staying = await givenWorkspace([ann]);
      await givenLicense(leaving, 10);
      await givenLicense(leaving, 11);
      const kept = await givenLicense(staying, 12);

      // Act
      const removed = await licenses.removeListEntries(ann, leaving.workspaceId);

      // Assert
      expect(removed).toBe(2);
      expect(idsOf(await licenses.listForAdmin(ann, { limit: 10 }))).toEqual([kept.licenseId]);
    });

    it('rewrites the list entries for the workspace’s current administrators, idempotently', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];
      const placement = await givenWorkspace([ann]);
      const license = await givenLicense(placement, 10);
      await workspaces.put(placement.workspace, [ann, bob]);

      // Act
      const first = await licenses.syncListEntries(license.licenseId);
      const second = await licenses.syncListEntries(license.licenseId);

      // Assert
      expect([first, second]).toEqual([2, 2]);
      expect(idsOf(await licenses.listForAdmin(bob, { limit: 10 }))).toEqual([license.licenseId]);
      expect(idsOf(await licenses.listForAdmin(ann, { limit: 10 }))).toEqual([license.licenseId]);
      expect(await licenses.syncListEntries('no-such-license')).toBe(0);
    });

    it('has no renewals for a license never renewed', async () => {
      // Arrange
      const license = await givenLicense(null, 10);

      // Act
      const renewals = await licenses.listRenewals(license.licenseId);

      // Assert
      expect(renewals).toEqual([]);
    });

    it('moves a license to another workspace sharing an administrator, listed once, under the new one', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];
      const from = await givenWorkspace([ann, bob]);
      const to = await givenWorkspace([ann]);
      const license = await givenLicense(from, 10);

      // Act
      await licenses.put({ ...license, workspaceId: to.workspaceId }, to);

      // Assert
      const annList = await licenses.listForAdmin(ann, { limit: 10 });
      expect(annList.items.map((item) => [item.licenseId, item.workspaceId])).toEqual([
        [license.licenseId, to.workspaceId],
      ]);
      expect((await licenses.listForAdmin(ann, { limit: 10, workspaceId: from.workspaceId })).items).toEqual(
        [],
      );
      expect((await licenses.listForAdmin(bob, { limit: 10 })).items).toEqual([]);
    });

    it('names the workspace in list entries from the stored workspace when syncing', async () => {
      // Arrange
      const ann = uniqueId('usr');
      const placement = await givenWorkspace([ann]);
      const license = await givenLicense(placement, 10);
      await workspaces.put({ ...placement.workspace, name: 'Renamed' }, [ann]);

      // Act
      await licenses.syncListEntries(license.licenseId);

      // Assert
      const [entry] = (await licenses.listForAdmin(ann, { limit: 10 })).items;
      expect(entry).toMatchObject({ workspaceName: 'Renamed' });
    });
  });
};
