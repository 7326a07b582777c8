import { health as contract } from '../contracts/health';
import { httpHandler } from './http-engine';

/** Liveness: answers without touching any dependency. */
export const handler = httpHandler('health', contract, async () => ({ status: 200, body: { status: 'ok' } }));
