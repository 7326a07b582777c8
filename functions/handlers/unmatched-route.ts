import { fallbackHandler } from './http-engine';

/** Not a route of the table: the API's `$default` route, for requests no route takes. */
export const handler = fallbackHandler();
