/**
 * Errors of the purchase workflow's steps that a retry would not cure. Step Functions sees their names
 * (and the Catch sends them to MarkFailed); their messages carry identifiers only.
 */

/** The workflow was started for an order the table does not hold. */
export class OrderNotFoundError extends Error {
  public override readonly name = 'OrderNotFoundError';

  public constructor(public readonly orderId: string) {
    super(`Order ${orderId} is not recorded`);
  }
}

/** The records are not in the state this step needs, e.g. fulfilling an order whose checkout it did not claim. */
export class PurchaseStateError extends Error {
  public override readonly name = 'PurchaseStateError';

  public constructor(
    public readonly orderId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Order ${orderId}: ${message}`, options);
  }
}

/**
 * SES refused the email for good (rejected message, unverified sender, suspended account): retrying cannot
 * help until someone fixes the cause, so the order goes to FAILED at once and is kept for a replay.
 */
export class EmailRejectedError extends Error {
  public override readonly name = 'EmailRejectedError';

  public constructor(
    public readonly orderId: string,
    options?: { cause?: unknown },
  ) {
    super(`Order ${orderId}: the email service rejected the renewal email`, options);
  }
}
