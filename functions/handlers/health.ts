import { httpHandler } from './http-engine';

/** Liveness: answers without touching any dependency. */
export const handler = httpHandler('health', {}, async () => ({ status: 200, body: { status: 'ok' } }));
