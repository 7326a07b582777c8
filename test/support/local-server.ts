/** Runs a local API server (functions/local/server.ts) on a free loopback port for a test. */
import type { Server } from 'node:http';
import { createLocalServer, type LocalServerOptions } from '../../functions/local/server';

export interface ListeningServer {
  url: string;
  close(): Promise<void>;
}

export const listenLocalServer = (options: LocalServerOptions = {}): Promise<ListeningServer> =>
  listen(createLocalServer(options));

const listen = (server: Server): Promise<ListeningServer> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
