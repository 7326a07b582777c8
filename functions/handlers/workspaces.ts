import { workspaces as contract } from '../contracts/licenses';
import { listWorkspaces } from '../use-cases/licenses';
import { workspaceStore } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('workspaces', contract, async ({ actor }) => ({
  status: 200,
  body: { items: await listWorkspaces({ workspaces: workspaceStore() }, actor) },
}));
