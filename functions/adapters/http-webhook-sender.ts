/**
 * Sends webhooks over HTTP(S) without letting a URL reach inside the network (PRODUCT.md §7): the host
 * is resolved at every attempt and every address it has must be public; the connection goes to the
 * address that was checked (DNS cannot change between the check and the connect); no redirect is
 * followed; the whole attempt has 10 s; at most 1 KB of the answer is read.
 */
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isAddressLiteral, isPublicAddress } from '../domain/network-address';
import { type AttemptOutcome, DELIVERY_TIMEOUT_MS, KEPT_RESPONSE_BYTES } from '../domain/webhook-delivery';
import type { EndpointUrlPolicy } from '../domain/webhook-endpoint';
import type { AddressChecker, WebhookRequest, WebhookSender } from '../ports/webhook-sender';

interface Resolved {
  address: string;
  family: 4 | 6;
}

/** A developer's own receiver, allowed locally only: plain HTTP to this machine. */
const isLocalReceiver = (url: URL, policy: EndpointUrlPolicy): boolean =>
  policy.allowLocalHttp && url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname);

/** Every address of the URL's host, or why it may not be used. */
const resolveChecked = async (
  url: URL,
  policy: EndpointUrlPolicy,
): Promise<{ addresses: Resolved[] } | { problem: string }> => {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Resolved[];
  try {
    addresses = isAddressLiteral(host)
      ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
      : ((await lookup(host, { all: true, verbatim: true })) as Resolved[]);
  } catch {
    return { problem: `The host ${host} does not resolve` };
  }
  if (addresses.length === 0) return { problem: `The host ${host} does not resolve` };
  if (isLocalReceiver(url, policy)) {
    // IPv4 first: a receiver started on 127.0.0.1 (as the README's) does not listen on ::1.
    const loopback = addresses
      .filter((a) => a.address === '127.0.0.1' || a.address === '::1')
      .sort((a, b) => a.family - b.family);
    return loopback.length > 0
      ? { addresses: loopback }
      : { problem: `The host ${host} is not this machine` };
  }
  if (!addresses.every((resolved) => isPublicAddress(resolved.address))) {
    return { problem: 'Must not resolve to a private, loopback, link-local or reserved address' };
  }
  return { addresses };
};

/** A lookup that answers only the checked address, whatever Node asks (one address, or all of them). */
const pinnedLookup =
  (pinned: Resolved): LookupFunction =>
  (_hostname, options, callback) => {
    if (typeof options === 'object' && options?.all) {
      (callback as unknown as (error: null, addresses: Resolved[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };

/** The start of a body, as text, at most {@link KEPT_RESPONSE_BYTES} bytes; the rest is not read. */
const readStart = (response: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = () => {
      response.destroy();
      resolve(Buffer.concat(chunks).subarray(0, KEPT_RESPONSE_BYTES).toString('utf8'));
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= KEPT_RESPONSE_BYTES) done();
    });
    response.on('end', done);
    response.on('error', done);
  });

export class HttpWebhookSender implements WebhookSender, AddressChecker {
  public constructor(
    private readonly policy: EndpointUrlPolicy,
    private readonly timeoutMs = DELIVERY_TIMEOUT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  public async problemWith(text: string): Promise<string | null> {
    const checked = await resolveChecked(new URL(text), this.policy);
    return 'problem' in checked ? checked.problem : null;
  }

  public async send(request: WebhookRequest): Promise<AttemptOutcome> {
    const started = this.now();
    const url = new URL(request.url);
    const checked = await resolveChecked(url, this.policy);
    if ('problem' in checked) return { kind: 'NO_ANSWER', latencyMs: 0, error: checked.problem };
    const [pinned] = checked.addresses as [Resolved];
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<AttemptOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          lookup: pinnedLookup(pinned),
          // A fresh connection each time, to the address just checked; redirects are never followed.
          agent: false,
        },
        (response) => {
          void readStart(response).then((body) =>
            settle({
              kind: 'ANSWERED',
              status: response.statusCode ?? 0,
              latencyMs: Math.round(this.now() - started),
              body,
            }),
          );
        },
      );
      const timer = setTimeout(() => {
        outgoing.destroy();
        settle({
          kind: 'NO_ANSWER',
          latencyMs: this.timeoutMs,
          error: `No answer within ${this.timeoutMs / 1000} s`,
        });
      }, this.timeoutMs);
      outgoing.on('error', (error) =>
        settle({ kind: 'NO_ANSWER', latencyMs: Math.round(this.now() - started), error: error.message }),
      );
      outgoing.end(request.body);
    });
  }
}
