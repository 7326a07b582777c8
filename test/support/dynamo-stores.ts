import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCatalogStore } from '../../functions/adapters/dynamodb/catalog-store';
import { DynamoLicenseStore } from '../../functions/adapters/dynamodb/license-store';
import { DynamoUserStore } from '../../functions/adapters/dynamodb/user-store';
import { DynamoWorkspaceStore } from '../../functions/adapters/dynamodb/workspace-store';

/** The DynamoDB adapters the fixture loaders write through, on one table: the real side of the fakes. */
export const createDynamoStores = (client: DynamoDBDocumentClient, tableName: string) => ({
  users: new DynamoUserStore(client, tableName),
  workspaces: new DynamoWorkspaceStore(client, tableName),
  licenses: new DynamoLicenseStore(client, tableName),
  catalog: new DynamoCatalogStore(client, tableName),
});
