import { auditEvents as contract } from '../contracts/api-keys';
import { resourceId } from '../http/schemas';
import { listAuditEvents } from '../use-cases/api-keys';
import { auditDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('audit-events', contract, async ({ params, query, session }) => ({
  status: 200,
  body: await listAuditEvents(await auditDeps(), session, resourceId(params, 'workspaceId'), {
    limit: query.limit ?? 25,
    cursor: query.cursor,
  }),
}));
