import { workspaces as contract } from '../contracts/licenses';
import { workspaceStore } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('workspaces', contract, async ({ session }) => ({
  status: 200,
  body: { items: await workspaceStore().listForAdmin(session.userId) },
}));
