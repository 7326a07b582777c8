/**
 * The single table's shape, shared by the CDK stack and the local run so both create the same table.
 * Key design and access patterns: README.md, section "Data".
 */
export const TableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired auth records (challenges, sessions, counters). */
  timeToLiveAttribute: 'ttl',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Licenses by expiry day, for the reminder job only (`Keys.expiryEntry`). */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

/** `CreateTable` input for DynamoDB Local and tests (on-demand, like the deployed table). */
export const createTableInput = (tableName: string) => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [
    { AttributeName: TableDefinition.partitionKey, AttributeType: 'S' as const },
    { AttributeName: TableDefinition.sortKey, AttributeType: 'S' as const },
    ...TableDefinition.globalSecondaryIndexes.flatMap((index) => [
      { AttributeName: index.partitionKey, AttributeType: 'S' as const },
      { AttributeName: index.sortKey, AttributeType: 'S' as const },
    ]),
  ],
  KeySchema: [
    { AttributeName: TableDefinition.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: TableDefinition.sortKey, KeyType: 'RANGE' as const },
  ],
  // The webhook fan-out reads inserted outbox events from the stream, as in AWS.
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' as const },
  GlobalSecondaryIndexes: TableDefinition.globalSecondaryIndexes.map((index) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  })),
});

/** The index of licenses by expiry day: only the reminder job reads it (and is granted it). */
export const EXPIRY_INDEX = 'gsi2';

/** Partitions per expiry day in gsi2. */
export const EXPIRY_SHARDS = 4;

/** A license's shard of its expiry day: stable, from its id. */
export const expiryShardOf = (licenseId: string): number => {
  let hash = 0;
  for (let index = 0; index < licenseId.length; index++)
    hash = (hash * 31 + licenseId.charCodeAt(index)) >>> 0;
  return hash % EXPIRY_SHARDS;
};

/** Item key builders: the only place that knows the key formats. */
export const Keys = {
  user: (email: string) => ({ pk: `USER#${email}`, sk: 'PROFILE' }),
  membership: (userId: string, workspaceId: string) => ({ pk: `ADMIN#${userId}`, sk: `WS#${workspaceId}` }),
  membershipsOf: (userId: string) => ({ pk: `ADMIN#${userId}`, skPrefix: 'WS#' }),
  workspace: (workspaceId: string) => ({ pk: `WS#${workspaceId}`, sk: 'WORKSPACE' }),
  challenge: (challengeId: string) => ({ pk: `CHALLENGE#${challengeId}`, sk: 'CHALLENGE' }),
  session: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' }),
  throttle: (subjectHash: string) => ({ pk: `THROTTLE#${subjectHash}`, sk: 'THROTTLE' }),
  smsQuota: (subject: string) => ({ pk: `SMSQUOTA#${subject}`, sk: 'SMSQUOTA' }),
  product: (productCode: string) => ({ pk: `PRODUCT#${productCode}`, sk: 'PRODUCT' }),
  price: (productCode: string, countryCode: string) => ({
    pk: `PRICE#${productCode}`,
    sk: `COUNTRY#${countryCode}`,
  }),
  offer: (offerId: string) => ({ pk: 'OFFERS', sk: `OFFER#${offerId}` }),
  license: (licenseId: string) => ({ pk: `LICENSE#${licenseId}`, sk: 'LICENSE' }),
  checkout: (checkoutId: string) => ({ pk: `CHECKOUT#${checkoutId}`, sk: 'CHECKOUT' }),
  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  /** gsi1 entry of an order that needs an operator (NEEDS_REVIEW, FAILED), newest last: no Scan to list them. */
  ordersWithStatus: (status: string) => `ORDERSTATUS#${status}`,
  orderStatusEntry: (status: string, at: string, orderId: string) => ({
    gsi1pk: `ORDERSTATUS#${status}`,
    gsi1sk: `${at}#${orderId}`,
  }),
  idempotency: (scopeHash: string) => ({ pk: `IDEMPOTENCY#${scopeHash}`, sk: 'IDEMPOTENCY' }),
  /** An API key by id (the one read that authenticates it); its gsi1 entry lists a workspace's keys. */
  apiKey: (apiKeyId: string) => ({ pk: `APIKEY#${apiKeyId}`, sk: 'APIKEY' }),
  apiKeysOf: (workspaceId: string) => `WSKEYS#${workspaceId}`,
  apiKeyEntry: (workspaceId: string, createdAt: string, apiKeyId: string) => ({
    gsi1pk: `WSKEYS#${workspaceId}`,
    gsi1sk: `${createdAt}#${apiKeyId}`,
  }),
  /** One fixed window of a subject's request counter. */
  rateWindow: (subject: string, windowStart: number) => ({
    pk: `RATE#${subject}#${windowStart}`,
    sk: 'RATE',
  }),
  /** A workspace's audit log: one partition, sorted by event id (time first). */
  auditLog: (workspaceId: string) => `AUDIT#${workspaceId}`,
  auditEvent: (workspaceId: string, eventId: string) => ({
    pk: `AUDIT#${workspaceId}`,
    sk: `EVENT#${eventId}`,
  }),
  /**
   * A license's entry in gsi2 by expiry day (UTC), spread over {@link EXPIRY_SHARDS} partitions per day: the
   * reminder job reads the days a milestone fell on, never all licenses, and a day on which many
   * licenses expire (a bulk import with one end date) is not one hot partition.
   */
  expiryDay: (day: string, shard: number) => `EXPIRY#${day}#${shard}`,
  expiryEntry: (licenseId: string, expiresAt: string) => ({
    gsi2pk: Keys.expiryDay(expiresAt.slice(0, 10), expiryShardOf(licenseId)),
    gsi2sk: `${expiresAt}#${licenseId}`,
  }),
  /** The one record that a reminder was sent: written with a condition before any email goes out. */
  reminder: (licenseId: string, expiresAt: string, milestone: string) => ({
    pk: `REMINDER#${licenseId}`,
    sk: `${expiresAt}#${milestone}`,
  }),
  /** A user's notification preferences; absent until they change one. */
  notificationPreferences: (userId: string) => ({ pk: `PREFS#${userId}`, sk: 'NOTIFICATIONS' }),
  /** A workspace's webhook endpoints: one partition, read whole by the fan-out. */
  webhookEndpointsOf: (workspaceId: string) => `WSHOOKS#${workspaceId}`,
  webhookEndpoint: (workspaceId: string, endpointId: string) => ({
    pk: `WSHOOKS#${workspaceId}`,
    sk: `EP#${endpointId}`,
  }),
  /** An outbox event: its insert, seen on the table's stream, starts its deliveries. */
  webhookEvent: (eventId: string) => ({ pk: `WHEVT#${eventId}`, sk: 'EVENT' }),
  /** A delivery by id; its gsi1 entry is the endpoint's log, newest first. */
  delivery: (deliveryId: string) => ({ pk: `DLV#${deliveryId}`, sk: 'DELIVERY' }),
  deliveriesOf: (endpointId: string) => `EPDLV#${endpointId}`,
  deliveryEntry: (endpointId: string, createdAt: string, deliveryId: string) => ({
    gsi1pk: `EPDLV#${endpointId}`,
    gsi1sk: `${createdAt}#${deliveryId}`,
  }),
} as const;
