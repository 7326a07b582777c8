import * as z from 'zod/mini';
import { LicenseStatus } from '../domain/license-status';
import { opaqueId, pageLimit } from '../http/schemas';
import { listLicenses } from '../use-cases/licenses';
import { licenseDeps } from '../wiring';
import { httpHandler } from './http-engine';

const query = z.strictObject({
  limit: z.optional(pageLimit),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
  workspaceId: z.optional(opaqueId),
  status: z.optional(z.enum([LicenseStatus.ACTIVE, LicenseStatus.EXPIRING_SOON, LicenseStatus.EXPIRED])),
});

export const handler = httpHandler('licenses', { query }, async ({ query, session, now }) => ({
  status: 200,
  body: await listLicenses(await licenseDeps(), session.userId, { ...query, limit: query.limit ?? 25 }, now),
}));
