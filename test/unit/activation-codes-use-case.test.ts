/** Entering an activation code: attaching, repeats, codes in use and guessing, over the fakes. */

import { formatActivationCode } from '../../functions/domain/activation-code';
import { userIdFor } from '../../functions/domain/identity';
import { enterActivationCode } from '../../functions/use-cases/activation-codes';
import { createFakes, type Fakes } from '../fakes';
import { actorOf } from '../support/actors';
import { fakeActivationCodeDeps } from '../support/fake-deps';
import { FixtureBuilder, fixtureActivationCode, loadIntoFakes } from '../support/fixtures';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const ANN = userIdFor('ann@example.com');
const BOB = userIdFor('bob@example.com');
// Codes by the order the licenses are added below.
const PARTNER_CODE = fixtureActivationCode(0);
const ATTACHED_CODE = fixtureActivationCode(1);
const WRONG_CODE = 'ABCDE-FGHJK-MNPQR-STUVW';

describe('activation codes use case over the fakes', () => {
  let fakes: Fakes;
  const deps = () => fakeActivationCodeDeps(fakes);
  const enter = (userId: string, workspaceId: string, code: string) =>
    enterActivationCode(deps(), actorOf(userId), workspaceId, code, NOW);

  beforeEach(async () => {
    fakes = createFakes();
    await loadIntoFakes(
      new FixtureBuilder(NOW)
        .user('ann@example.com')
        .user('bob@example.com')
        .user('cid@example.com')
        .workspace('ws-ann', { name: 'Ann Corp', admins: ['ann@example.com', 'cid@example.com'] })
        .workspace('ws-bob', { admins: ['bob@example.com'] })
        .product('EPS-CLOUD')
        .license('lic-partner', { purchaseChannel: 'PARTNER', expiresInDays: 20 })
        .license('lic-bob', { workspaceId: 'ws-bob' })
        .build(),
      fakes,
    );
  });

  it('attaches a partner license to the workspace, listed for every administrator', async () => {
    // Act
    const result = await enter(ANN, 'ws-ann', formatActivationCode(PARTNER_CODE).toLowerCase());

    // Assert
    expect(result).toMatchObject({
      created: true,
      license: { licenseId: 'lic-partner', workspaceId: 'ws-ann', workspaceName: 'Ann Corp' },
    });
    expect((await fakes.licenses.get('lic-partner'))?.workspaceId).toBe('ws-ann');
    for (const admin of [ANN, userIdFor('cid@example.com')]) {
      const page = await fakes.licenses.listForAdmin(admin, { limit: 10 });
      expect(page.items.map((item) => item.licenseId)).toEqual(['lic-partner']);
    }
  });

  it('answers the same code again as already attached, not created', async () => {
    // Arrange
    await enter(ANN, 'ws-ann', PARTNER_CODE);

    // Act
    const again = await enter(ANN, 'ws-ann', PARTNER_CODE);

    // Assert
    expect(again).toMatchObject({ created: false, license: { licenseId: 'lic-partner' } });
  });

  it('refuses a code attached to another workspace as ACTIVATION_CODE_IN_USE', async () => {
    // Act
    const entered = enter(ANN, 'ws-ann', ATTACHED_CODE);

    // Assert
    await expect(entered).rejects.toMatchObject({ code: 'ACTIVATION_CODE_IN_USE' });
    expect((await fakes.licenses.get('lic-bob'))?.workspaceId).toBe('ws-bob');
  });

  it('answers NOT_FOUND for a workspace the user does not administer', async () => {
    // Act
    const entered = enter(ANN, 'ws-bob', PARTNER_CODE);

    // Assert
    await expect(entered).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('throttles wrong codes per user: five, then even a right code waits', async () => {
    // Arrange
    for (let i = 0; i < 5; i++) {
      await expect(enter(ANN, 'ws-ann', WRONG_CODE)).rejects.toMatchObject({
        code: 'INVALID_ACTIVATION_CODE',
      });
    }

    // Act
    const right = enter(ANN, 'ws-ann', PARTNER_CODE);

    // Assert
    await expect(right).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    await expect(enter(BOB, 'ws-bob', WRONG_CODE)).rejects.toMatchObject({ code: 'INVALID_ACTIVATION_CODE' });
  });

  it('does not let a code already in use buy more guesses, nor count as a wrong one', async () => {
    // Arrange: four wrong guesses, then codes in use in between.
    for (let i = 0; i < 4; i++) await enter(ANN, 'ws-ann', WRONG_CODE).catch(() => undefined);
    await enter(ANN, 'ws-ann', ATTACHED_CODE).catch(() => undefined);
    await enter(ANN, 'ws-ann', ATTACHED_CODE).catch(() => undefined);

    // Act
    const fifthWrong = enter(ANN, 'ws-ann', WRONG_CODE);

    // Assert
    await expect(fifthWrong).rejects.toMatchObject({ code: 'INVALID_ACTIVATION_CODE' });
    await expect(enter(ANN, 'ws-ann', PARTNER_CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('answers as already attached when a concurrent entry of the same code attached it first', async () => {
    // Arrange: the other request attaches between this one's read and its write.
    const racing = deps();
    const attach = racing.licenses.attach.bind(racing.licenses);
    racing.licenses = Object.assign(Object.create(fakes.licenses), {
      attach: async (...args: Parameters<typeof attach>) => {
        await attach(...args);
        return attach(...args);
      },
    });

    // Act
    const result = await enterActivationCode(racing, actorOf(ANN), 'ws-ann', PARTNER_CODE, NOW);

    // Assert
    expect(result).toMatchObject({
      created: false,
      license: { licenseId: 'lic-partner', workspaceId: 'ws-ann' },
    });
  });
});
