import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler } from '../../functions/handlers/unmatched-route';

const call = async (method: string, rawPath: string) => {
  const result = await handler(
    { rawPath, headers: {}, requestContext: { http: { method } } } as unknown as APIGatewayProxyEventV2,
    {} as Context,
  );
  return { status: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(String(result.body)) };
};

describe("the deployed API's $default route", () => {
  it('answers an unknown path with 404 ROUTE_NOT_FOUND as problem details', async () => {
    const answer = await call('GET', '/v1/nothing-here');

    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('answers a known path with another method with 405 and Allow', async () => {
    const answer = await call('DELETE', '/v1/licenses/lic-1');

    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expect(answer.body.code).toBe('METHOD_NOT_ALLOWED');
  });
});
