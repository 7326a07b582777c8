import { workspaceStore } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('workspaces', {}, async ({ session }) => ({
  status: 200,
  body: { items: await workspaceStore().listForAdmin(session.userId) },
}));
