/**
 * Runs aws-ses-v2-local (a real SES v2 HTTP endpoint) in this process on a free loopback port, so the
 * handlers send email through the same SES client code as in AWS, and the local outbox can list it.
 */
import type { Server } from 'node:http';
import startSesServer from 'aws-ses-v2-local';
import type { OutboxItem } from '../adapters/outbox';
import { closeServer, LOCAL_HOST } from './listen';

/** A running SES emulator. */
export interface RunningSesLocal {
  /** Base URL to give the SES v2 client as `endpoint`. */
  endpoint: string;
  /** Every email sent so far, as outbox items (channel `EMAIL`), oldest first. */
  readEmails(): Promise<OutboxItem[]>;
  stop(): Promise<void>;
}

/** One email as aws-ses-v2-local's `GET /store` reports it (the fields used here). */
interface StoredEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Epoch seconds. */
  at: number;
}

/** Raised when the local SES store cannot be read. */
export class SesLocalError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SesLocalError';
  }
}

/** Starts the SES emulator on `127.0.0.1` (port 0 = a free one, the default). */
export const startSesLocal = async (options: { port?: number } = {}): Promise<RunningSesLocal> => {
  const server = await startSesServer({ host: LOCAL_HOST, port: options.port ?? 0 });
  const endpoint = `http://${LOCAL_HOST}:${portOf(server)}`;
  return {
    endpoint,
    readEmails: () => readEmails(endpoint),
    stop: () => closeServer(server),
  };
};

const portOf = (server: Server): number => {
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new SesLocalError('SES local is not listening');
  return address.port;
};

// Reads through the emulator's documented HTTP API rather than its internal module state.
const readEmails = async (endpoint: string): Promise<OutboxItem[]> => {
  let emails: StoredEmail[];
  try {
    const response = await fetch(`${endpoint}/store`);
    if (!response.ok) throw new Error(`GET /store answered ${response.status}`);
    emails = ((await response.json()) as { emails: StoredEmail[] }).emails;
  } catch (error) {
    throw new SesLocalError('Could not read the local SES store', { cause: error });
  }
  return emails.flatMap((email) =>
    email.destination.to.map((to) => ({
      channel: 'EMAIL' as const,
      to,
      subject: email.subject,
      text: email.body.text ?? email.body.html ?? '',
      // SES local keeps whole seconds only.
      sentAt: new Date(email.at * 1000).toISOString(),
    })),
  );
};
