/** Sends a text message. SNS in AWS, the local outbox in `npm start`. */
export interface SmsSender {
  send(phoneNumber: string, text: string): Promise<void>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends an email. SES v2 in AWS and locally (aws-ses-v2-local). */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** Tells operations about something a person must look at (SNS topic in AWS, the outbox locally). */
export interface OpsNotifier {
  notify(subject: string, text: string): Promise<void>;
}
