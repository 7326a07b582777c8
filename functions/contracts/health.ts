import { answerOf, routeContract } from './route-contract';

export const health = routeContract({
  description: 'Answers without touching any dependency.',
  responses: {
    200: answerOf('HealthSchema', 'The API is up'),
  },
});
