import type { ApiKey } from '../../functions/domain/api-key';
import type { ApiKeyStore } from '../../functions/ports/api-keys';
import { copy, MemoryTables } from './memory-tables';

/** {@link ApiKeyStore} in memory, with the DynamoDB adapter's conditions. */
export class FakeApiKeyStore implements ApiKeyStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async create(key: ApiKey): Promise<void> {
    if (this.tables.apiKeys.has(key.apiKeyId)) {
      throw Object.assign(new Error(`API key ${key.apiKeyId} exists`), {
        name: 'ConditionalCheckFailedException',
      });
    }
    this.tables.apiKeys.set(key.apiKeyId, copy(key));
  }

  public async get(apiKeyId: string): Promise<ApiKey | null> {
    const key = this.tables.apiKeys.get(apiKeyId);
    return key ? copy(key) : null;
  }

  public async listForWorkspace(workspaceId: string): Promise<ApiKey[]> {
    return [...this.tables.apiKeys.values()]
      .filter((key) => key.workspaceId === workspaceId)
      .sort((a, b) => `${b.createdAt}#${b.apiKeyId}`.localeCompare(`${a.createdAt}#${a.apiKeyId}`))
      .map(copy);
  }

  public async revoke(workspaceId: string, apiKeyId: string, at: Date): Promise<ApiKey | null> {
    const key = this.tables.apiKeys.get(apiKeyId);
    if (!key || key.workspaceId !== workspaceId || key.revokedAt !== null) return null;
    key.revokedAt = at.toISOString();
    return copy(key);
  }

  public async recordUse(apiKeyId: string, at: Date, notBefore: Date): Promise<void> {
    const key = this.tables.apiKeys.get(apiKeyId);
    if (!key) return;
    if (key.lastUsedAt === null || key.lastUsedAt < notBefore.toISOString())
      key.lastUsedAt = at.toISOString();
  }
}
