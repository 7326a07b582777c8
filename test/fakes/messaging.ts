import type { EmailMessage, EmailSender, OpsNotifier, SmsSender } from '../../functions/ports/messaging';

/** {@link SmsSender} that records what it would send. */
export class FakeSmsSender implements SmsSender {
  public readonly sent: Array<{ to: string; text: string }> = [];

  public async send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text });
  }

  /** The 6-digit code of the last SMS. */
  public lastCode(): string {
    const code = /\b(\d{6})\b/.exec(this.sent.at(-1)?.text ?? '')?.[1];
    if (!code) throw new Error('No SMS with a code was sent');
    return code;
  }
}

/**
 * {@link EmailSender} that records sent emails; it can be told to refuse the next sends, or every send,
 * like a throttled or misconfigured SES.
 */
export class FakeEmailSender implements EmailSender {
  public readonly sent: EmailMessage[] = [];
  public attempts = 0;
  private refusals = 0;
  private rejecting = false;

  /** The next `count` sends are throttled (Infinity: all of them), as SES does over its sending rate. */
  public refuseNext(count: number): void {
    this.refusals = count;
  }

  /** Every send is rejected for good, as SES does for an unverified sender, until {@link reset}. */
  public rejectAll(): void {
    this.rejecting = true;
  }

  public async send(message: EmailMessage): Promise<void> {
    this.attempts++;
    if (this.rejecting) {
      throw Object.assign(new Error('Email address is not verified.'), {
        name: 'MessageRejected',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
    }
    if (this.refusals > 0) {
      this.refusals--;
      throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
    }
    this.sent.push(message);
  }

  public reset(): void {
    this.sent.length = 0;
    this.attempts = 0;
    this.refusals = 0;
    this.rejecting = false;
  }
}

/** {@link OpsNotifier} that records its notices. */
export class FakeOpsNotifier implements OpsNotifier {
  public readonly notices: Array<{ subject: string; text: string }> = [];

  public async notify(subject: string, text: string): Promise<void> {
    this.notices.push({ subject, text });
  }
}
