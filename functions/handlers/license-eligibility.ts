import { licenseEligibility as contract } from '../contracts/licenses';
import { resourceId } from '../http/schemas';
import { licenseEligibility } from '../use-cases/licenses';
import { licenseDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler(
  'license-eligibility',
  contract,
  async ({ params, session, now, locale }) => ({
    status: 200,
    body: await licenseEligibility(
      await licenseDeps(),
      session.userId,
      resourceId(params, 'licenseId'),
      now,
      locale,
    ),
  }),
);
