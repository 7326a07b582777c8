import { negotiateLocale } from '../../domain/locale';
import type { HttpMiddleware } from './request-state';

/** The language of the answer: `Accept-Language`, else the signed-in user's own, else English. */
export const locale = (): HttpMiddleware => ({
  before: (request) => {
    const state = request.context.request;
    state.locale = negotiateLocale(state.headers['accept-language'], state.actor?.locale);
  },
});
