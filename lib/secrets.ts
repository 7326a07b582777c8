import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The deployment's root key, from which the functions derive the token signing key and the one-time-code
 * pepper (`functions/domain/secrets.ts`). Secrets Manager generates it at deploy time: its value is never
 * in code, in the template or in an environment variable; functions get its ARN and read it at cold start.
 */
export class TokenSecret extends Construct {
  public readonly secret: Secret;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Renewal Hub root key for access tokens and one-time codes',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the root key invalidates every session and stored one-time code at once, and the token ' +
        'service verifies with a single key: rotation is a planned manual operation (new secret version, ' +
        'users sign in again), not an automatic schedule.',
    });
  }
}
