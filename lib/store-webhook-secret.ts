import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The stack output's description: what operations must do with the secret after the first deploy. */
export const STORE_WEBHOOK_SECRET_HOWTO =
  "The store's webhook signing secret. Deployed with a random placeholder: after the first deploy, put the " +
  "store's value with `aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string <value>`; " +
  'until then every store webhook is refused (401 INVALID_SIGNATURE). Webhook functions re-read it at ' +
  'most 5 minutes after a change.';

/**
 * The store's webhook signing secret: the store signs each event with it (`Store-Signature`, PRODUCT.md
 * §3) and the webhook function checks the signature with it. The store issues the value, so the deploy
 * only creates the secret with a random placeholder (nothing is hard-coded, and until operations paste
 * the real value every delivery fails its signature check, 401 INVALID_SIGNATURE); operations
 * then store the store's value:
 *
 *     aws secretsmanager put-secret-value --secret-id <StoreWebhookSecretArn> --secret-string '<value>'
 *
 * The webhook function re-reads it every 5 minutes, so a changed value takes effect without a deploy.
 */
export class StoreWebhookSecret extends Construct {
  public readonly secret: Secret;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description:
        "Renewal Hub: the store's webhook signing secret. A random placeholder until operations put the store's value.",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The store issues this signing secret; Secrets Manager cannot rotate it on its own. Rotation is done ' +
        "with the store: a new value is issued there and put here (put-secret-value), as the store's process requires.",
    });
  }
}
