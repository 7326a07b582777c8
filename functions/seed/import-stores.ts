import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCatalogImportStore } from '../adapters/dynamodb/catalog-import-store';
import { DynamoLicenseImportStore } from '../adapters/dynamodb/license-import-store';
import { DynamoUserStore } from '../adapters/dynamodb/user-store';
import { DynamoWorkspaceStore } from '../adapters/dynamodb/workspace-store';
import type { ImportStores } from './import';

/** The stores `importDataFile` writes through, on one DynamoDB table: what the CLI and local mode use. */
export const dynamoImportStores = (client: DynamoDBDocumentClient, tableName: string): ImportStores => ({
  users: new DynamoUserStore(client, tableName),
  workspaces: new DynamoWorkspaceStore(client, tableName),
  licenses: new DynamoLicenseImportStore(client, tableName),
  catalog: new DynamoCatalogImportStore(client, tableName),
});
