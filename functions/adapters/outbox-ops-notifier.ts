import type { OpsNotifier } from '../ports/messaging';
import type { Outbox } from './outbox';

/** Operations notifications in local mode: the `OPS` channel of the local outbox. */
export class OutboxOpsNotifier implements OpsNotifier {
  public constructor(private readonly outbox: Outbox) {}

  public async notify(subject: string, text: string): Promise<void> {
    this.outbox.add({ channel: 'OPS', to: 'operations', subject, text, sentAt: new Date().toISOString() });
  }
}
