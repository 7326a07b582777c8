import { licenseEligibility as contract } from '../contracts/licenses';
import { resourceId } from '../http/schemas';
import { licenseEligibility } from '../use-cases/licenses';
import { licenseDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler(
  'license-eligibility',
  contract,
  async ({ params, actor, now, locale }) => ({
    status: 200,
    body: await licenseEligibility(await licenseDeps(), actor, resourceId(params, 'licenseId'), now, locale),
  }),
);
