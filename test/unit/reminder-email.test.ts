import { type ReminderEmailFacts, reminderEmail } from '../../functions/domain/reminder-email';
import { ReminderMilestone } from '../../functions/domain/reminder-milestones';
import {
  UNSUBSCRIBE_LINK_DAYS,
  unsubscribeToken,
  userOfUnsubscribeToken,
} from '../../functions/domain/unsubscribe-token';

const facts: ReminderEmailFacts = {
  locale: 'en',
  milestone: ReminderMilestone.ONE_WEEK,
  productName: 'Endpoint Security Cloud',
  workspaceName: 'Acme <Polska>',
  seats: 1,
  expiresAt: '2026-12-10T08:00:00.000Z',
  daysRemaining: 6,
  eligibility: {
    eligible: true,
    quote: {
      amount: 11610,
      currency: 'PLN',
      countryCode: 'PL',
      listAmount: 12900,
      offer: { offerId: 'bf', name: 'Black Friday', percentOff: 10, endsAt: '2026-12-31T00:00:00.000Z' },
    },
  },
  renewUrl: 'https://portal.example/licenses/lic-1?x=1&y=2',
};

describe('reminder email', () => {
  it('says the product, workspace, seats, expiry, days left and the price today with its offer', () => {
    // Act
    const email = reminderEmail(facts);

    // Assert
    expect(email.subject).toBe('Endpoint Security Cloud in Acme <Polska> expires in 6 days');
    expect(email.text).toContain('Endpoint Security Cloud (1 seat) in the workspace Acme <Polska>');
    expect(email.text).toContain('It expires on 10 December 2026, 08:00 UTC: 6 days left.');
    expect(email.text).toContain('Renewing it today costs 116.10 PLN (Black Friday −10% applied).');
    expect(email.text).toContain('https://portal.example/licenses/lic-1?x=1&y=2');
  });

  it('escapes every name in the HTML part, and keeps the subject one line', () => {
    // Act
    const email = reminderEmail({ ...facts, productName: 'Evil\r\nBcc: x@example.com' });

    // Assert
    expect(email.html).toContain('Acme &lt;Polska&gt;');
    expect(email.html).not.toContain('<Polska>');
    expect(email.html).toContain('href="https://portal.example/licenses/lic-1?x=1&amp;y=2"');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('lists every reason when the license cannot be renewed online, in Polish too', () => {
    // Act
    const email = reminderEmail({
      ...facts,
      locale: 'pl',
      seats: 5,
      milestone: ReminderMilestone.EXPIRED,
      daysRemaining: 0,
      eligibility: { eligible: false, reasons: ['Powód pierwszy.', 'Powód drugi.'] },
    });

    // Assert
    expect(email.subject).toBe('Licencja Endpoint Security Cloud w Acme <Polska> wygasła');
    expect(email.text).toContain('(5 stanowisk)');
    expect(email.text).toContain('Wygasła 10 grudnia 2026, 08:00 UTC.');
    expect(email.text).toContain(
      'Nie można jej odnowić online. Dlaczego i co zrobić:\n- Powód pierwszy.\n- Powód drugi.',
    );
    expect(email.html).toContain('<li>Powód pierwszy.</li><li>Powód drugi.</li>');
  });

  it('says "within a day" on the last day rather than "0 days"', () => {
    // Act
    const english = reminderEmail({ ...facts, milestone: ReminderMilestone.ONE_DAY, daysRemaining: 0 });
    const polish = reminderEmail({
      ...facts,
      locale: 'pl',
      milestone: ReminderMilestone.ONE_DAY,
      daysRemaining: 0,
    });

    // Assert
    expect(english.subject).toBe('Endpoint Security Cloud in Acme <Polska> expires within a day');
    expect(english.text).toContain('less than a day left');
    expect(polish.subject).toBe('Licencja Endpoint Security Cloud w Acme <Polska> wygasa w ciągu doby');
  });
});

describe('unsubscribe token', () => {
  const key = new Uint8Array(32).fill(7);
  const now = new Date('2026-12-03T09:00:00.000Z');

  it('names its user until it expires, and nobody after', () => {
    // Arrange
    const token = unsubscribeToken(key, 'usr_1', now);
    const lastSecond = new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000 - 1000);
    const expiry = new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000);

    // Act / Assert
    expect(userOfUnsubscribeToken(key, token, lastSecond)).toBe('usr_1');
    expect(userOfUnsubscribeToken(key, token, expiry)).toBeNull();
  });

  it('is refused when forged, re-signed with another key, altered or malformed', () => {
    // Arrange
    const token = unsubscribeToken(key, 'usr_1', now);
    const [payload, signature] = token.split('.');
    const otherUser = Buffer.from(JSON.stringify({ u: 'usr_2', e: 9_999_999_999 })).toString('base64url');

    // Act
    const verdicts = [
      unsubscribeToken(new Uint8Array(32).fill(8), 'usr_1', now),
      `${otherUser}.${signature}`,
      `${payload}.${signature}x`,
      `${payload}`,
      `${payload}.${signature}.x`,
      '',
    ].map((candidate) => userOfUnsubscribeToken(key, candidate, now));

    // Assert
    expect(verdicts).toEqual([null, null, null, null, null, null]);
  });
});
