/**
 * Routes that exist only in local mode, under `/_local/*` (PRODUCT.md §4), and the API reference page
 * at `/docs`. They take the same
 * API Gateway event as the API's handlers, so the server treats both alike; adding one is one line in
 * {@link localRoutes}.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Outbox, OutboxItem } from '../adapters/outbox';
import { json } from './answers';
import { DocsPaths, docsInitScript, docsPage, docsScalarScript } from './docs-page';
import { runRemindersNow } from './reminders-route';
import { payStoreCheckout, storeCheckoutPage, storeCheckoutStatus } from './store-page';

/** A local-only handler: an API Gateway event in, a structured result out. */
export type LocalHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** One `/_local/*` route. */
export interface LocalRoute {
  readonly method: 'GET' | 'POST';
  /** API Gateway path syntax, `{name}` for a path parameter. `/docs` is the API reference page. */
  readonly path: `/_local/${string}` | `/docs` | `/docs/${string}`;
  readonly handler: LocalHandler;
}

/** What the local routes read: the in-process outbox (SMS, OPS) and the SES emulator's mail. */
export interface LocalDependencies {
  outbox: Pick<Outbox, 'list'>;
  /** Emails sent so far; none when no SES emulator runs (e.g. a server started by a test). */
  readEmails?: () => Promise<OutboxItem[]>;
}

/** The `/_local/*` route table. */
export const localRoutes = (deps: LocalDependencies): readonly LocalRoute[] => [
  {
    method: 'GET',
    path: '/_local/outbox',
    handler: async () => json(200, { items: await outboxItems(deps) }),
  },
  { method: 'GET', path: '/_local/store/checkouts/{checkoutId}', handler: storeCheckoutPage },
  { method: 'GET', path: '/_local/store/checkouts/{checkoutId}/status', handler: storeCheckoutStatus },
  { method: 'POST', path: '/_local/store/checkouts/{checkoutId}/pay', handler: payStoreCheckout },
  { method: 'POST', path: '/_local/reminders/run', handler: runRemindersNow },
  { method: 'GET', path: DocsPaths.page, handler: docsPage },
  { method: 'GET', path: DocsPaths.script, handler: docsScalarScript },
  { method: 'GET', path: DocsPaths.init, handler: docsInitScript },
];

/** Everything "sent" so far on every channel, oldest first. */
const outboxItems = async (deps: LocalDependencies): Promise<OutboxItem[]> => {
  const emails = (await deps.readEmails?.()) ?? [];
  // Stable: items of the same instant stay in their source's order. SES local keeps whole seconds only.
  return [...deps.outbox.list(), ...emails]
    .map(({ channel, to, subject, text, sentAt }) => ({ channel, to, subject, text, sentAt }))
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
};
