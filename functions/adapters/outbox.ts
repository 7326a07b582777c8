import type { SmsSender } from '../ports/messaging';

/** One message the local run would have sent: readable at `GET /_local/outbox`. */
export interface OutboxItem {
  channel: 'SMS' | 'EMAIL' | 'OPS';
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/**
 * Where SMS and operations notifications go in local mode (no SMS emulator exists). In-process:
 * the local server and the handlers it runs share it.
 */
export class Outbox implements SmsSender {
  private readonly items: OutboxItem[] = [];
  private readonly listeners: Array<(item: OutboxItem) => void> = [];

  public async send(phoneNumber: string, text: string): Promise<void> {
    this.add({ channel: 'SMS', to: phoneNumber, subject: '', text, sentAt: new Date().toISOString() });
  }

  public add(item: OutboxItem): void {
    this.items.push(item);
    for (const listener of this.listeners) listener(item);
  }

  public list(): readonly OutboxItem[] {
    return this.items;
  }

  /** Called for every new item, e.g. to print SMS codes on the console. */
  public onItem(listener: (item: OutboxItem) => void): void {
    this.listeners.push(listener);
  }
}

export const localOutbox = new Outbox();
