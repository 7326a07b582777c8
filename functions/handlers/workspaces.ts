import { httpHandler } from '../http/handler';
import { workspaceStore } from '../wiring';

export const handler = httpHandler('workspaces', {}, async ({ session }) => ({
  status: 200,
  body: { items: await workspaceStore().listForAdmin(session.userId) },
}));
