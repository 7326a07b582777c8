import type { ApiKey } from '../domain/api-key';

/** Where API keys are kept (PRODUCT.md §6). Secrets are never stored, only their hashes. */
export interface ApiKeyStore {
  /** Stores a new key; its id is fresh (a duplicate id fails). */
  create(key: ApiKey): Promise<void>;
  /** The key by id, revoked and expired ones too; one consistent read, for authentication. */
  get(apiKeyId: string): Promise<ApiKey | null>;
  /** The workspace's keys, revoked ones too, newest first. */
  listForWorkspace(workspaceId: string): Promise<ApiKey[]>;
  /**
   * Revokes the key if it belongs to the workspace and is not revoked yet, atomically.
   * @returns the key as revoked, or null when it is not the workspace's or was revoked already.
   */
  revoke(workspaceId: string, apiKeyId: string, at: Date): Promise<ApiKey | null>;
  /** Records a use at `at`, unless one at or after `notBefore` is recorded already (a busy key writes once a minute). */
  recordUse(apiKeyId: string, at: Date, notBefore: Date): Promise<void>;
}
