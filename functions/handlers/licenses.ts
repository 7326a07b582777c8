import { licenses as contract } from '../contracts/licenses';
import { listLicenses } from '../use-cases/licenses';
import { licenseDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('licenses', contract, async ({ query, actor, now }) => ({
  status: 200,
  body: await listLicenses(await licenseDeps(), actor, { ...query, limit: query.limit ?? 25 }, now),
}));
