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

/** {@link EmailSender} that records what it would send; `failNext` makes the next sends throw. */
export class FakeEmailSender implements EmailSender {
  public readonly sent: EmailMessage[] = [];
  private failures = 0;

  /** The next `count` sends throw a throttling error, as SES does over its sending rate. */
  public failNext(count: number): void {
    this.failures = count;
  }

  public async send(message: EmailMessage): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
    }
    this.sent.push(message);
  }
}

/** {@link OpsNotifier} that records its notices. */
export class FakeOpsNotifier implements OpsNotifier {
  public readonly notices: Array<{ subject: string; text: string }> = [];

  public async notify(subject: string, text: string): Promise<void> {
    this.notices.push({ subject, text });
  }
}
