import { routeList } from '../routes';
import { compilePath, matchPath } from './paths';
import { Problem, ProblemCode } from './problem';

const templates = routeList().map((route) => ({ method: route.method, template: compilePath(route.path) }));

/**
 * The problem for a request no route takes: 405 METHOD_NOT_ALLOWED (with `Allow`) when its path exists
 * under `allowedMethods`, else 404 ROUTE_NOT_FOUND.
 */
export const unmatchedProblem = (allowedMethods: readonly string[]): Problem => {
  const allowed = [...new Set(allowedMethods)];
  return allowed.length === 0
    ? new Problem(404, ProblemCode.ROUTE_NOT_FOUND)
    : new Problem(405, ProblemCode.METHOD_NOT_ALLOWED, { headers: { allow: allowed.join(', ') } });
};

/** {@link unmatchedProblem} for a path, against the route table. */
export const unmatchedRouteProblem = (path: string): Problem =>
  unmatchedProblem(templates.filter((t) => matchPath(t.template, path)).map((t) => t.method));
