import type { Workspace } from '../../functions/domain/workspace';
import type { WorkspaceStore } from '../../functions/ports/workspaces';
import { uniqueId } from './ids';

/** What {@link WorkspaceStore} promises, for any implementation `make` returns. */
export const describeWorkspaceStoreContract = (
  name: string,
  make: () => Promise<{ store: WorkspaceStore }>,
) => {
  describe(`WorkspaceStore contract: ${name}`, () => {
    let store: WorkspaceStore;
    const workspace = (name: string, countryCode: string | null = 'PL'): Workspace => ({
      workspaceId: uniqueId('ws'),
      name,
      countryCode,
    });
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('lists the workspaces a user administers, by name', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];
      const zeta = workspace('Zeta');
      const alpha = workspace('Alpha', null);
      const other = workspace('Other');
      await store.put(zeta, [ann, bob]);
      await store.put(alpha, [ann]);
      await store.put(other, [bob]);

      // Act
      const listed = await store.listForAdmin(ann);

      // Assert
      expect(listed).toEqual([alpha, zeta]);
    });

    it('hides a workspace from a user who does not administer it, as if it did not exist', async () => {
      // Arrange
      const [ann, eve] = [uniqueId('usr'), uniqueId('usr')];
      const acme = workspace('Acme');
      await store.put(acme, [ann]);

      // Act
      const [own, foreign, missing] = await Promise.all([
        store.getForAdmin(ann, acme.workspaceId),
        store.getForAdmin(eve, acme.workspaceId),
        store.getForAdmin(ann, 'no-such-workspace'),
      ]);

      // Assert
      expect(own).toEqual(acme);
      expect(foreign).toBeNull();
      expect(missing).toBeNull();
    });

    it('reads a workspace by id, null for an unknown one', async () => {
      // Arrange
      const acme = workspace('Acme');
      await store.put(acme, [uniqueId('usr')]);

      // Act
      const [known, unknown] = await Promise.all([store.get(acme.workspaceId), store.get('nope')]);

      // Assert
      expect(known).toEqual(acme);
      expect(unknown).toBeNull();
    });

    it('names the administrators, none for an unknown workspace', async () => {
      // Arrange
      const admins = [uniqueId('usr'), uniqueId('usr')];
      const acme = workspace('Acme');
      await store.put(acme, admins);
      await store.setAdminEmails(acme.workspaceId, ['ann@example.com', 'bob@example.com']);

      // Act
      const [known, unknown] = await Promise.all([store.adminsOf(acme.workspaceId), store.adminsOf('nope')]);
      const [emails, noEmails] = await Promise.all([
        store.adminEmailsOf(acme.workspaceId),
        store.adminEmailsOf('nope'),
      ]);

      // Assert
      expect(known).toEqual(admins);
      expect(unknown).toEqual([]);
      expect(emails).toEqual(['ann@example.com', 'bob@example.com']);
      expect(noEmails).toEqual([]);
    });

    it('removes memberships of dropped administrators', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];
      const acme = workspace('Acme');
      await store.put(acme, [ann, bob]);

      // Act
      await store.removeAdmins(acme.workspaceId, [bob]);

      // Assert
      expect(await store.getForAdmin(bob, acme.workspaceId)).toBeNull();
      expect(await store.listForAdmin(bob)).toEqual([]);
      expect(await store.getForAdmin(ann, acme.workspaceId)).toEqual(acme);
    });

    it('replaces a workspace and its administrators on put', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];
      const acme = workspace('Acme');
      await store.put(acme, [ann]);
      const renamed = { ...acme, name: 'Acme Renamed', countryCode: 'DE' };

      // Act
      await store.put(renamed, [ann, bob]);

      // Assert
      expect(await store.getForAdmin(ann, acme.workspaceId)).toEqual(renamed);
      expect(await store.getForAdmin(bob, acme.workspaceId)).toEqual(renamed);
      expect(await store.adminsOf(acme.workspaceId)).toEqual([ann, bob]);
    });

    it('leaves memberships of administrators a put no longer names to removeAdmins', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];
      const acme = workspace('Acme');
      await store.put(acme, [ann, bob]);

      // Act
      await store.put(acme, [ann]);

      // Assert
      expect(await store.adminsOf(acme.workspaceId)).toEqual([ann]);
      expect(await store.getForAdmin(bob, acme.workspaceId)).toEqual(acme);
    });
  });
};
