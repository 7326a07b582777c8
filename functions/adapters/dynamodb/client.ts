import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientOptions } from '../aws-client-options';

/** A document client; `endpoint` points at DynamoDB Local in local runs and tests. */
export const createDocumentClient = (endpoint?: string): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient(awsClientOptions(endpoint)), {
    marshallOptions: { removeUndefinedValues: true },
  });
