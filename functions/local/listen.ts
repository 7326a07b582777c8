/** Starting and stopping node:http servers on loopback, for the local backend and its tests. */
import type { Server } from 'node:http';

/** The host every local server binds: loopback only, never the network. */
export const LOCAL_HOST = '127.0.0.1';

/** A listening server: its port, and a close that also ends idle keep-alive connections. */
export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listens on {@link LOCAL_HOST}:`port` (0 = a free port); rejects with the listen error (e.g. EADDRINUSE). */
export const listenOn = (server: Server, port: number): Promise<Listening> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        close: () => closeServer(server),
      });
    });
  });

/** Stops accepting connections and ends open ones, so close() does not wait on idle keep-alive clients. */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
