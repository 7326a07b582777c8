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
        reminderTime: '06:45',
        reminderTimeZone: 'America/New_York',
        reminderSendsPerSecond: '40',
        portalLicenseUrl: 'https://portal.example.com/l/{licenseId}',
      }),
    ).toEqual({
      corsAllowedOrigins: ['https://portal.example.com', 'http://localhost:5173'],
      emailFrom: 'no-reply@mail.example.com',
      opsEmail: 'ops@example.com',
      storeCheckoutUrl: 'https://shop.example.com/pay/{checkoutId}?lang=en',
      checkoutTtlMinutes: 30,
      reminderTime: '06:45',
      reminderTimeZone: 'America/New_York',
      reminderSendsPerSecond: 40,
      portalLicenseUrl: 'https://portal.example.com/l/{licenseId}',
    });
  });

  it('defaults to no CORS origins, the local sender, no operations email, the example store and 60 minutes', () => {
    expect(configFrom({})).toEqual({
      corsAllowedOrigins: [],
      emailFrom: 'no-reply@renewal-hub.example',
      opsEmail: undefined,
      storeCheckoutUrl: 'https://store.renewal-hub.example/checkouts/{checkoutId}',
      checkoutTtlMinutes: 60,
      reminderTime: '08:00',
      reminderTimeZone: 'Europe/Warsaw',
      reminderSendsPerSecond: 10,
      portalLicenseUrl: 'https://portal.renewal-hub.example/licenses/{licenseId}',
    });
  });

  it.each([
    ['reminderTime', '8:00'],
    ['reminderTime', '24:00'],
    ['reminderTime', '08:60'],
    ['reminderTimeZone', 'Europe/Nowhere'],
    ['reminderTimeZone', 'CET+1'],
    ['reminderSendsPerSecond', '1'],
    ['reminderSendsPerSecond', '2.5'],
    ['portalLicenseUrl', 'https://portal.example.com/licenses'],
    ['portalLicenseUrl', 'http://portal.example.com/{licenseId}'],
  ])('refuses %s %s', (key, value) => {
    expect(() => configFrom({ [key]: value })).toThrow(new RegExp(`^${key}:`));
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
