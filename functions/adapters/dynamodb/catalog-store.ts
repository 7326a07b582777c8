import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Offer, Price, Product } from '../../domain/catalog';
import type { CatalogStore } from '../../ports/catalog';
import { withoutKeys } from './item-conventions';
import { queryAll } from './query-all';
import { Keys } from './table-definition';

/** Products, the price book and special offers (written by the import). */
export class DynamoCatalogStore implements CatalogStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async getProduct(productCode: string): Promise<Product | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.product(productCode) }),
    );
    return Item
      ? { productCode: Item.productCode, name: Item.name, renewableOnline: Item.renewableOnline === true }
      : null;
  }

  public async getPrice(productCode: string, countryCode: string): Promise<Price | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.price(productCode, countryCode) }),
    );
    return Item
      ? {
          productCode: Item.productCode,
          countryCode: Item.countryCode,
          currency: Item.currency,
          unitAmount: Item.unitAmount,
        }
      : null;
  }

  public async listOffers(): Promise<Offer[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': Keys.offer('').pk },
    });
    return items.map((item) => withoutKeys<Offer>(item));
  }
}
