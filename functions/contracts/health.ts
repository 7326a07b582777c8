import { HealthSchema } from './entities';
import { routeContract } from './route-contract';

export const health = routeContract({
  description: 'Answers without touching any dependency.',
  responses: { 200: { description: 'The API is up', body: HealthSchema } },
});
