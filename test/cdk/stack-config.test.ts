import { App } from 'aws-cdk-lib';
import { readStackConfig } from '../../lib/stack-config';

const configFrom = (context: Record<string, string>) => readStackConfig(new App({ context }).node);

describe('stack configuration from context', () => {
  it('reads a comma list of origins, the sender and the operations email', () => {
    expect(
      configFrom({
        corsAllowedOrigins: ' https://portal.example.com, http://localhost:5173 ,',
        emailFrom: 'no-reply@mail.example.com',
        opsEmail: 'ops@example.com',
      }),
    ).toEqual({
      corsAllowedOrigins: ['https://portal.example.com', 'http://localhost:5173'],
      emailFrom: 'no-reply@mail.example.com',
      opsEmail: 'ops@example.com',
    });
  });

  it('defaults to no CORS origins, the local sender and no operations email', () => {
    expect(configFrom({})).toEqual({
      corsAllowedOrigins: [],
      emailFrom: 'no-reply@renewal-hub.example',
      opsEmail: undefined,
    });
  });

  it.each(['https://portal.example.com/', 'https://portal.example.com/app', 'portal.example.com', '*'])(
    'refuses %s, which a browser Origin header never equals',
    (origin) => {
      expect(() => configFrom({ corsAllowedOrigins: origin })).toThrow(/corsAllowedOrigins/);
    },
  );

  it('refuses a sender that is not a plain address', () => {
    expect(() => configFrom({ emailFrom: 'Renewal Hub <no-reply@example.com>' })).toThrow(/emailFrom/);
  });
});
