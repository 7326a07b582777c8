/**
 * The webhook delivery queue in-process, for `npm start` and the tests: it stands in for SQS, so the
 * delivery function (`functions/consumers/webhook-deliver.ts`) runs exactly as deployed, given SQS
 * events. A message waits its delay on the injected clock; one the handler reports as failed comes back
 * after the visibility timeout, and after five receives goes to the dead letters, as with SQS's redrive.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Clock } from '../domain/clock';
import type { DeliveryMessage, DeliveryQueue } from '../ports/webhooks';

/** The deployed queue's settings (lib/webhook-delivery.ts). */
const VISIBILITY_TIMEOUT_MS = 180_000;
const MAX_RECEIVES = 5;

interface Waiting {
  messageId: string;
  message: DeliveryMessage;
  dueAt: number;
  receives: number;
}

export interface LocalDeliveryQueueOptions {
  clock: () => Clock;
  /** The delivery function's handler. */
  deliver: (event: SQSEvent) => Promise<SQSBatchResponse>;
  /**
   * Run due messages on timers (`npm start`, with the system clock); without it, nothing runs until
   * {@link LocalDeliveryQueue.runDue} is called (tests, with a manual clock).
   */
  realTime?: boolean;
  log?: (line: string) => void;
}

export class LocalDeliveryQueue implements DeliveryQueue {
  private readonly waiting: Waiting[] = [];
  public readonly deadLetters: DeliveryMessage[] = [];
  private nextId = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  public constructor(private readonly options: LocalDeliveryQueueOptions) {}

  public async send(message: DeliveryMessage, delaySeconds: number): Promise<void> {
    this.waiting.push({
      messageId: `local-${++this.nextId}`,
      message,
      dueAt: this.now() + delaySeconds * 1000,
      receives: 0,
    });
    this.schedule();
  }

  /** Messages waiting (not yet due, or due and not yet run). */
  public get size(): number {
    return this.waiting.length;
  }

  /**
   * Gives every message due now to the delivery function, in one batch as SQS would, and again until none
   * is due (an attempt may queue its successor with no delay). Resolves with how many ran.
   */
  public async runDue(): Promise<number> {
    if (this.running) await this.running;
    this.running = this.drain();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Settles once nothing runs; stops the timers. */
  public async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private now(): number {
    return this.options.clock().now().getTime();
  }

  private async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = this.now();
      const due = this.waiting.filter((waiting) => waiting.dueAt <= now);
      if (due.length === 0) return ran;
      for (const waiting of due) this.waiting.splice(this.waiting.indexOf(waiting), 1);
      ran += due.length;
      for (const waiting of due) waiting.receives++;
      const event: SQSEvent = {
        Records: due.map((waiting) => ({
          messageId: waiting.messageId,
          receiptHandle: waiting.messageId,
          body: JSON.stringify(waiting.message),
          attributes: {
            ApproximateReceiveCount: String(waiting.receives),
            SentTimestamp: String(now),
            SenderId: 'local',
            ApproximateFirstReceiveTimestamp: String(now),
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:local-webhook-attempts',
          awsRegion: 'us-east-1',
        })),
      };
      const failed = await this.options
        .deliver(event)
        .then((answer) => new Set(answer.batchItemFailures.map((failure) => failure.itemIdentifier)))
        .catch(() => new Set(due.map((waiting) => waiting.messageId)));
      for (const waiting of due.filter((w) => failed.has(w.messageId))) {
        if (waiting.receives >= MAX_RECEIVES) {
          this.deadLetters.push(waiting.message);
          this.options.log?.(
            `webhook attempt ${waiting.message.deliveryId}#${waiting.message.attempt}: dead letter`,
          );
        } else {
          this.waiting.push({ ...waiting, dueAt: now + VISIBILITY_TIMEOUT_MS });
        }
      }
    }
  }

  /** With real time, one timer for the earliest message. */
  private schedule(): void {
    if (!this.options.realTime || this.stopped) return;
    clearTimeout(this.timer);
    const earliest = Math.min(...this.waiting.map((waiting) => waiting.dueAt));
    if (!Number.isFinite(earliest)) return;
    this.timer = setTimeout(
      () => {
        void this.runDue().then(() => this.schedule());
      },
      Math.max(0, earliest - this.now()),
    );
    this.timer.unref();
  }
}
