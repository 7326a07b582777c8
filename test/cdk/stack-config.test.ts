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
        storeCheckoutUrl: 'https://shop.example.com/pay/{checkoutId}?lang=en',
        checkoutTtlMinutes: '30',
      }),
    ).toEqual({
      corsAllowedOrigins: ['https://portal.example.com', 'http://localhost:5173'],
      emailFrom: 'no-reply@mail.example.com',
      opsEmail: 'ops@example.com',
      storeCheckoutUrl: 'https://shop.example.com/pay/{checkoutId}?lang=en',
      checkoutTtlMinutes: 30,
    });
  });

  it('defaults to no CORS origins, the local sender, no operations email, the example store and 60 minutes', () => {
    expect(configFrom({})).toEqual({
      corsAllowedOrigins: [],
      emailFrom: 'no-reply@renewal-hub.example',
      opsEmail: undefined,
      storeCheckoutUrl: 'https://store.renewal-hub.example/checkouts/{checkoutId}',
      checkoutTtlMinutes: 60,
    });
  });

  it('takes the checkout lifetime as a number from the command line too', () => {
    expect(readStackConfig(new App({ context: { checkoutTtlMinutes: 90 } }).node).checkoutTtlMinutes).toBe(
      90,
    );
  });

  it.each(['https://shop.example.com/pay', 'http://shop.example.com/pay/{checkoutId}', 'shop/{checkoutId}'])(
    'refuses the store checkout URL %s (https, with {checkoutId})',
    (storeCheckoutUrl) => {
      expect(() => configFrom({ storeCheckoutUrl })).toThrow(/storeCheckoutUrl/);
    },
  );

  it.each(['0', '4', '1441', '7.5', 'an hour'])('refuses a checkout lifetime of %s minutes', (minutes) => {
    expect(() => configFrom({ checkoutTtlMinutes: minutes })).toThrow(/checkoutTtlMinutes/);
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
