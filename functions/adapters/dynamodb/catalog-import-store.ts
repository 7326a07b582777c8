import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Offer, Price, Product } from '../../domain/catalog';
import type { CatalogBatchOptions, CatalogImportStore } from '../../ports/catalog';
import { batchWrite } from './batch-write';
import { offerItem, priceItem, productItem } from './catalog-items';

/**
 * The data-file import's catalogue writes (see catalog-items.ts for the items): plain puts with
 * BatchWriteItem, progress reported per chunk of 25.
 */
export class DynamoCatalogImportStore implements CatalogImportStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public putProducts(products: readonly Product[], options: CatalogBatchOptions): Promise<void> {
    return this.putAll(products.map(productItem), options);
  }

  public putPrices(prices: readonly Price[], options: CatalogBatchOptions): Promise<void> {
    return this.putAll(prices.map(priceItem), options);
  }

  public putOffers(offers: readonly Offer[], options: CatalogBatchOptions): Promise<void> {
    return this.putAll(offers.map(offerItem), options);
  }

  private putAll(items: readonly Record<string, unknown>[], options: CatalogBatchOptions): Promise<void> {
    return batchWrite(
      this.client,
      this.tableName,
      items.map((Item) => ({ PutRequest: { Item } })),
      { concurrency: options.concurrency, onChunk: options.onWritten },
    );
  }
}
