import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EnvName } from '../functions/config';
import { Api } from './api';
import { DataTable } from './data-table';
import { OpsTopic } from './ops-topic';
import { TokenSecret } from './secrets';
import type { RenewalHubConfig } from './stack-config';

export type RenewalHubStackProps = StackProps & RenewalHubConfig;

/** The whole backend: the table, the token secret, the operations topic and the HTTP API. */
export class RenewalHubStack extends Stack {
  public constructor(scope: Construct, id: string, props: RenewalHubStackProps) {
    super(scope, id, props);
    const data = new DataTable(this, 'Data');
    const tokenSecret = new TokenSecret(this, 'TokenSecret');
    const ops = new OpsTopic(this, 'Ops', { email: props.opsEmail });
    const api = new Api(this, 'Api', {
      corsAllowedOrigins: props.corsAllowedOrigins,
      environment: {
        [EnvName.TABLE_NAME]: data.table.tableName,
        [EnvName.TOKEN_SECRET_ARN]: tokenSecret.secret.secretArn,
        [EnvName.SMS_TRANSPORT]: 'sns',
        [EnvName.EMAIL_FROM]: props.emailFrom,
        [EnvName.CORS_ALLOWED_ORIGINS]: props.corsAllowedOrigins.join(','),
      },
      resources: { table: data, tokenSecret: tokenSecret.secret, emailFrom: props.emailFrom },
    });

    new CfnOutput(this, 'ApiUrl', { value: api.stage.url });
    // `npm run import` loads a data file into this table.
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'OpsTopicArn', { value: ops.topic.topicArn });
  }
}
