import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { EXPIRY_INDEX, TableDefinition } from '../functions/adapters/dynamodb/table-definition';

const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/**
 * The single table, built from the {@link TableDefinition} the local run also uses, so both have the same
 * keys, index and TTL. It holds the customers' licenses: point-in-time recovery is on, and neither a stack
 * update nor a stack deletion can drop it.
 */
export class DataTable extends Construct {
  public readonly table: Table;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const stringKey = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(TableDefinition.partitionKey),
      sortKey: stringKey(TableDefinition.sortKey),
      timeToLiveAttribute: TableDefinition.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The webhook fan-out reads inserted outbox events from it (filtered, see lib/webhook-delivery.ts).
      stream: StreamViewType.NEW_IMAGE,
    });
    for (const index of TableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** Item reads (transactional ones included) on the table and its indexes. No scans. */
  public grantRead(grantee: IGrantable): void {
    this.grant(grantee, READ_ACTIONS);
  }

  /** Item reads and writes (transactional ones included) on the table and its indexes. No scans. */
  public grantReadWrite(grantee: IGrantable): void {
    this.grant(grantee, [...READ_ACTIONS, ...WRITE_ACTIONS]);
  }

  /**
   * The two writes an API key's request makes on a route that is otherwise read-only: its rate-limit
   * counter and its `lastUsedAt`. UpdateItem only, and only on items whose partition key starts with
   * `APIKEY#` or `RATE#` (IAM's `dynamodb:LeadingKeys`), so such a route still cannot touch a license.
   */
  public grantApiKeyBookkeeping(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['APIKEY#*', 'RATE#*'] } },
      }),
    );
  }

  /**
   * `actions` on the table itself (no index), only on items whose partition key matches one of
   * `leadingKeys` (e.g. `DLV#*`): for functions that touch a few kinds of item and nothing else.
   */
  public grantItems(grantee: IGrantable, actions: readonly string[], leadingKeys: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...actions],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] } },
      }),
    );
  }

  /** Query on the expiry index (gsi2) only: the reminder job's read, which no route is given. */
  public grantExpiryIndexQuery(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${this.table.tableArn}/index/${EXPIRY_INDEX}`],
      }),
    );
  }

  /**
   * The indexes are named one by one rather than with the `index/*` wildcard of `Table.grant*`: a
   * function may query exactly the indexes that exist, and none but the reminder job the expiry index.
   * (Transactions need no actions of their own.)
   */
  private grant(grantee: IGrantable, actions: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...actions],
        resources: [
          this.table.tableArn,
          ...TableDefinition.globalSecondaryIndexes
            .filter((index) => index.indexName !== EXPIRY_INDEX)
            .map((index) => `${this.table.tableArn}/index/${index.indexName}`),
        ],
      }),
    );
  }
}
