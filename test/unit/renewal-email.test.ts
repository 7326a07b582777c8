import { escapeHtml } from '../../functions/domain/email-format';
import { type RenewalEmailFacts, renewalEmail } from '../../functions/domain/renewal-email';

const facts: RenewalEmailFacts = {
  locale: 'en',
  productName: 'Endpoint Security Cloud',
  seats: 10,
  activationCode: 'ABCDEFGHJKMNPQRSTUVW',
  newExpiresAt: '2027-12-08T12:00:00.000Z',
  bonusDays: 9,
  workspaceId: 'ws-1',
};

describe('the renewal email in English', () => {
  const email = renewalEmail(facts);

  it('names the product in the subject', () => {
    expect(email.subject).toBe('Your license is renewed: new activation code for Endpoint Security Cloud');
  });

  it.each([
    ['the product and seats', 'Endpoint Security Cloud (10 seats)'],
    ['the code, grouped by five', 'ABCDE-FGHJK-MNPQR-STUVW'],
    ['the new expiry, in UTC', 'valid until 8 December 2027, 12:00 UTC'],
    ['the days kept', 'The 9 days that were left on it are included.'],
    ['where to enter the code', 'Open Licenses and choose "Enter activation code".'],
    ['the API route for integrations', 'POST /v1/workspaces/ws-1/activation-codes'],
    ['that the old code stops working', 'replaces the previous one, which no longer works'],
  ])('says %s in the text and the HTML', (_, phrase) => {
    expect(email.text).toContain(phrase);
    expect(email.html).toContain(escapeHtml(phrase));
  });

  it('numbers the steps', () => {
    expect(email.text).toMatch(/1\. Sign in to Renewal Hub\.\n2\. Open Licenses.*\n3\. Type or paste/);
    expect(email.html).toContain('<ol><li>Sign in to Renewal Hub.</li>');
  });

  it('uses the singular for one seat and one day', () => {
    const one = renewalEmail({ ...facts, seats: 1, bonusDays: 1 });

    expect(one.text).toContain('(1 seat)');
    expect(one.text).toContain('The 1 day that was left on it is included.');
  });

  it('says nothing about days kept when none were left', () => {
    expect(renewalEmail({ ...facts, bonusDays: 0 }).text).not.toContain('left on it');
  });
});

describe('the renewal email in Polish', () => {
  const email = renewalEmail({ ...facts, locale: 'pl' });

  it('is in Polish, with the date in Polish', () => {
    expect(email.subject).toBe('Licencja odnowiona: nowy kod aktywacyjny do Endpoint Security Cloud');
    expect(email.text).toContain('Licencja jest teraz ważna do 8 grudnia 2027, 12:00 UTC.');
    expect(email.text).toContain('Otwórz Licencje i wybierz „Wprowadź kod aktywacyjny”.');
    expect(email.html).toContain('<html lang="pl">');
  });

  it.each([
    [1, '1 stanowisko'],
    [3, '3 stanowiska'],
    [5, '5 stanowisk'],
    [12, '12 stanowisk'],
    [22, '22 stanowiska'],
  ])('declines %i seats as "%s"', (seats, phrase) => {
    expect(renewalEmail({ ...facts, locale: 'pl', seats }).text).toContain(`(${phrase})`);
  });

  it.each([
    [1, 'Doliczyliśmy 1 dzień, który jeszcze pozostał.'],
    [9, 'Doliczyliśmy 9 dni, które jeszcze pozostały.'],
  ])('counts %i day(s) kept', (bonusDays, sentence) => {
    expect(renewalEmail({ ...facts, locale: 'pl', bonusDays }).text).toContain(sentence);
  });
});

describe('escaping', () => {
  it('escapes a product name in the HTML, and keeps the text as it is', () => {
    const email = renewalEmail({ ...facts, productName: '<script>alert("x")</script> & Co' });

    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(email.text).toContain('<script>alert("x")</script> & Co');
  });

  it('keeps the subject on one line', () => {
    expect(renewalEmail({ ...facts, productName: 'A\r\nBcc: x@example.com' }).subject).not.toMatch(/[\r\n]/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
