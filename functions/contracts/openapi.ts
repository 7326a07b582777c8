import * as z from 'zod/mini';
import { routeContract } from './route-contract';

export const openapi = routeContract({
  description: 'This document. Generate a typed client from it (README, "For frontends and integrators").',
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document of this API',
      body: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
      headers: {
        'Cache-Control': { description: 'Public, for five minutes', schema: z.string() },
        ETag: { description: "The document's hash: revalidate with If-None-Match", schema: z.string() },
      },
    },
    304: { description: 'Not modified since the ETag given in If-None-Match' },
  },
});
