/** Sends a text message. SNS in AWS, the local outbox in `npm start`. */
export interface SmsSender {
  send(phoneNumber: string, text: string): Promise<void>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. RFC 8058's `List-Unsubscribe` and `List-Unsubscribe-Post`. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Sends an email. SES v2 in AWS and locally (aws-ses-v2-local).
 * @throws EmailRefusedError when the service refused it for good; any other error may pass on a retry.
 */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** The email service refused a message for good (rejected, unverified sender, paused account). */
export class EmailRefusedError extends Error {
  public override readonly name = 'EmailRefusedError';

  public constructor(options: { cause: unknown }) {
    super('The email service refused the message', options);
  }
}

/** Tells operations about something a person must look at (SNS topic in AWS, the outbox locally). */
export interface OpsNotifier {
  notify(subject: string, text: string): Promise<void>;
}
