/**
 * The CDK app (`npx cdk synth|deploy`): the RenewalHub stack, checked by cdk-nag's AwsSolutions rules on
 * every synth; an unacknowledged finding fails it. Configuration comes from context (see
 * `lib/stack-config.ts`: emailFrom, corsAllowedOrigins, opsEmail, storeCheckoutUrl, checkoutTtlMinutes), e.g.
 * `npx cdk deploy -c emailFrom=no-reply@example.com -c corsAllowedOrigins=https://portal.example.com`.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RenewalHubStack } from '../lib/renewal-hub-stack';
import { readStackConfig } from '../lib/stack-config';

const app = new App();
new RenewalHubStack(app, 'RenewalHub', {
  ...readStackConfig(app.node),
  description: 'Renewal Hub: online renewal of security-software licenses',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
