import { license as contract } from '../contracts/licenses';
import { resourceId } from '../http/schemas';
import { licenseDetails } from '../use-cases/licenses';
import { licenseDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('license', contract, async ({ params, actor, now, locale }) => ({
  status: 200,
  body: await licenseDetails(await licenseDeps(), actor, resourceId(params, 'licenseId'), now, locale),
}));
