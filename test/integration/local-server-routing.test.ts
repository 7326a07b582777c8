/** Path templates as API Gateway reads them: `{name}` takes one URL-decoded segment; literals win. */
import { compilePath, matchPath, specificity } from '../../functions/http/paths';

const licence = compilePath('/v1/licenses/{licenseId}');

test('a parameter captures one non-empty segment, URL-decoded', () => {
  expect(matchPath(licence, '/v1/licenses/lic-1')).toEqual({ licenseId: 'lic-1' });
  expect(matchPath(licence, '/v1/licenses/a%20b%2Fc')).toEqual({ licenseId: 'a b/c' });
  expect(matchPath(licence, '/v1/licenses/')).toBeUndefined();
  expect(matchPath(licence, '/v1/licenses/lic-1/extra')).toBeUndefined();
  expect(matchPath(licence, '/v1/licenses')).toBeUndefined();
});

test('a segment that does not decode does not match', () => {
  expect(matchPath(licence, '/v1/licenses/%E0%A4%A')).toBeUndefined();
});

test('literal segments must match exactly', () => {
  const template = compilePath('/v1/licenses/{licenseId}/renewal-eligibility');
  expect(matchPath(template, '/v1/licenses/x/renewal-eligibility')).toEqual({ licenseId: 'x' });
  expect(matchPath(template, '/v1/licenses/x/Renewal-Eligibility')).toBeUndefined();
  expect(matchPath(compilePath('/v1/health'), '/v1/health')).toEqual({});
});

test('a literal segment is more specific than a parameter', () => {
  expect(specificity(compilePath('/v1/me/mfa'))).toBeGreaterThan(specificity(compilePath('/v1/me/{x}')));
});
