import { forEachLimit } from '../adapters/for-each-limit';
import { userIdFor } from '../domain/identity';
import { hashPassword as scryptHash } from '../domain/password';
import type { CatalogBatchOptions, CatalogImportStore } from '../ports/catalog';
import type { LicenseImportStore } from '../ports/licenses';
import type { UserStore } from '../ports/users';
import type { WorkspaceStore } from '../ports/workspaces';
import type { DataFile, DataFileWorkspace } from './schema';

/** The import's steps, in the order they run; `onProgress` names them. */
export const ImportPhase = {
  USERS: 'users',
  WORKSPACES: 'workspaces',
  PRODUCTS: 'products',
  PRICES: 'prices',
  OFFERS: 'offers',
  LICENSES: 'licenses',
} as const;
export type ImportPhase = (typeof ImportPhase)[keyof typeof ImportPhase];

/**
 * The ports the import writes through: DynamoDB adapters (`dynamoImportStores`) or, in unit tests,
 * the in-memory fakes.
 */
export interface ImportStores {
  users: Pick<UserStore, 'put'>;
  workspaces: WorkspaceStore;
  licenses: LicenseImportStore;
  catalog: CatalogImportStore;
}

export interface ImportOptions {
  /** Where the records go. */
  stores: ImportStores;
  /** Called when a phase starts (done = 0) and after each chunk it writes. */
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
  /**
   * Password hashes, workspaces and BatchWriteItem chunks in flight at once. Default 4: Node's
   * threadpool runs 4 scrypt hashes (128 MiB each) side by side.
   */
  concurrency?: number;
  /** Hashes each user's password; scrypt (N = 2^17) unless a test needs thousands of users quickly. */
  hashPassword?: (password: string) => Promise<string>;
}

/** How many records of each kind were written, and how many stale memberships were deleted. */
export type ImportSummary = Record<ImportPhase, number> & { removedMemberships: number };

/** A write failed during `phase`; records of earlier phases are in place. */
export class ImportWriteError extends Error {
  public override readonly name = 'ImportWriteError';

  public constructor(
    public readonly phase: ImportPhase,
    options: { cause: unknown },
  ) {
    super(
      `Writing ${phase} failed: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`,
      options,
    );
  }
}

const DEFAULT_CONCURRENCY = 4;

/**
 * Writes a checked data file (see `parseDataFile`) through `stores`. Keys are deterministic, so
 * importing the same file again overwrites the same items; an administrator dropped from a workspace
 * loses the membership. Records missing from the file are left alone. Only password hashes differ between
 * imports (fresh salts). The file wins for every record it names: a re-import replaces changes made in
 * the app since (a user's 2FA setting and last TOTP step, a renewed license's expiry and code).
 * @throws {ImportWriteError} when a write fails
 */
export const importDataFile = async (data: DataFile, options: ImportOptions): Promise<ImportSummary> => {
  const { stores, onProgress, concurrency = DEFAULT_CONCURRENCY, hashPassword = scryptHash } = options;
  const { users, workspaces, licenses, catalog } = stores;

  const run = async (
    phase: ImportPhase,
    total: number,
    write: (advance: (n: number) => void) => Promise<void>,
  ) => {
    let done = 0;
    onProgress?.(done, total, phase);
    try {
      await write((n) => {
        done += n;
        onProgress?.(done, total, phase);
      });
    } catch (error) {
      throw new ImportWriteError(phase, { cause: error });
    }
  };
  const putAll = <T>(
    phase: ImportPhase,
    records: readonly T[],
    put: (records: readonly T[], options: CatalogBatchOptions) => Promise<void>,
  ) => run(phase, records.length, (advance) => put(records, { concurrency, onWritten: advance }));

  await run(ImportPhase.USERS, data.users.length, (advance) =>
    forEachLimit(data.users, concurrency, async (user) => {
      await users.put({
        userId: userIdFor(user.email),
        email: user.email,
        passwordHash: await hashPassword(user.password),
        locale: user.locale,
        mfa: user.mfa,
      });
      advance(1);
    }),
  );

  let removedMemberships = 0;
  await run(ImportPhase.WORKSPACES, data.workspaces.length, (advance) =>
    forEachLimit(data.workspaces, concurrency, async (workspace) => {
      removedMemberships += await removeDroppedAdmins(workspaces, licenses, workspace);
      const { workspaceId, name, countryCode } = workspace;
      await workspaces.put({ workspaceId, name, countryCode }, workspace.admins.map(userIdFor));
      await workspaces.setAdminEmails(workspaceId, workspace.admins);
      advance(1);
    }),
  );

  await putAll(ImportPhase.PRODUCTS, data.products, (records, o) => catalog.putProducts(records, o));
  await putAll(ImportPhase.PRICES, data.prices, (records, o) => catalog.putPrices(records, o));
  await putAll(ImportPhase.OFFERS, data.offers, (records, o) => catalog.putOffers(records, o));
  const workspaceById = new Map(data.workspaces.map((w) => [w.workspaceId, w]));
  const productNames = new Map(data.products.map((p) => [p.productCode, p.name]));
  await run(ImportPhase.LICENSES, data.licenses.length, (advance) =>
    forEachLimit(data.licenses, concurrency, async (license) => {
      const workspace = license.workspaceId ? workspaceById.get(license.workspaceId) : undefined;
      await licenses.put(
        license,
        workspace
          ? {
              workspaceId: workspace.workspaceId,
              workspaceName: workspace.name,
              productName: productNames.get(license.productCode) ?? license.productCode,
              adminUserIds: workspace.admins.map(userIdFor),
            }
          : null,
      );
      advance(1);
    }),
  );

  return {
    users: data.users.length,
    workspaces: data.workspaces.length,
    products: data.products.length,
    prices: data.prices.length,
    offers: data.offers.length,
    licenses: data.licenses.length,
    removedMemberships,
  };
};

/**
 * Removes the administrators the stored workspace lists but the file no longer does: their license
 * list entries, then their memberships. Runs before the workspace item is rewritten, so if the import
 * stops in between, the stored item still names them and the next import removes them.
 */
const removeDroppedAdmins = async (
  workspaces: WorkspaceStore,
  licenses: LicenseImportStore,
  workspace: DataFileWorkspace,
): Promise<number> => {
  const kept = new Set(workspace.admins.map(userIdFor));
  const dropped = (await workspaces.adminsOf(workspace.workspaceId)).filter((userId) => !kept.has(userId));
  for (const userId of dropped) await licenses.removeListEntries(userId, workspace.workspaceId);
  await workspaces.removeAdmins(workspace.workspaceId, dropped);
  return dropped.length;
};
