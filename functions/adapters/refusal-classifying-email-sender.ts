import { type EmailMessage, EmailRefusedError, type EmailSender } from '../ports/messaging';
import { isDependencyUnavailable } from './dependency-errors';

/**
 * Gives any email sender the port's failure contract: throttling, a 5xx or a dropped connection passes
 * through (worth retrying); anything else is an {@link EmailRefusedError}.
 */
export const refusalClassifying = (sender: EmailSender): EmailSender => ({
  send: async (message: EmailMessage): Promise<void> => {
    try {
      await sender.send(message);
    } catch (error) {
      if (error instanceof EmailRefusedError || isDependencyUnavailable(error)) throw error;
      throw new EmailRefusedError({ cause: error });
    }
  },
});
