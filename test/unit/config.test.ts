import { ConfigError, readConfig } from '../../functions/config';

describe('readConfig', () => {
  it('refuses an environment without a table instead of guessing its name', () => {
    // Act
    const read = () => readConfig({});

    // Assert
    expect(read).toThrow(ConfigError);
    expect(read).toThrow('TABLE_NAME: the DynamoDB table name is required');
  });

  it('names every invalid variable at once', () => {
    // Arrange
    const env = {
      TABLE_NAME: 'renewals',
      SESSION_TTL_SECONDS: '7',
      SMS_TRANSPORT: 'smtp',
      LEGACY_CUTOFF: 'last spring',
      RENEWAL_WINDOW_DAYS: 'thirty',
    };

    // Act
    let error: unknown;
    try {
      readConfig(env);
    } catch (caught) {
      error = caught;
    }

    // Assert
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.sort()).toEqual([
      'LEGACY_CUTOFF: an ISO 8601 instant',
      'RENEWAL_WINDOW_DAYS: a whole number from 1 to 365',
      'SESSION_TTL_SECONDS: a whole number from 60 to 3600',
      'SMS_TRANSPORT: either sns or outbox',
    ]);
  });

  it('fills what is unset with the defaults PRODUCT.md names', () => {
    // Act
    const config = readConfig({ TABLE_NAME: 'renewals' });

    // Assert
    expect(config).toMatchObject({
      tableName: 'renewals',
      smsTransport: 'sns',
      opsTransport: 'sns',
      sessionTtlSeconds: 3600,
      scryptLogN: 17,
      renewalWindowDays: 30,
      checkoutTtlMinutes: 60,
    });
    expect(config.legacyCutoff.toISOString()).toBe('2019-04-01T00:00:00.000Z');
    expect(config.dynamoDbEndpoint).toBeUndefined();
  });

  it('reads the values that are set', () => {
    // Act
    const config = readConfig({
      TABLE_NAME: 'renewals',
      SMS_TRANSPORT: 'outbox',
      RENEWAL_WINDOW_DAYS: '45',
      LEGACY_CUTOFF: '2020-01-01T00:00:00Z',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    });

    // Assert
    expect(config).toMatchObject({
      smsTransport: 'outbox',
      renewalWindowDays: 45,
      dynamoDbEndpoint: 'http://127.0.0.1:8000',
    });
    expect(config.legacyCutoff.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
});
