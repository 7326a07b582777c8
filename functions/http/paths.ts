/**
 * Path matching with API Gateway's template syntax (`/v1/licenses/{licenseId}`): the local server routes
 * with it, and the deployed API's fallback tells 404 from 405 with it, both from the one route table.
 */

/** A path template split once into segments; `{name}` segments capture a path parameter. */
export interface PathTemplate {
  readonly template: string;
  readonly segments: ReadonlyArray<{ literal: string } | { param: string }>;
}

/** Splits a template such as `/v1/licenses/{licenseId}` once, for {@link matchPath}. */
export const compilePath = (template: string): PathTemplate => ({
  template,
  segments: template
    .split('/')
    .slice(1)
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment)?.[1];
      return param ? { param } : { literal: segment };
    }),
});

/**
 * The path parameters (URL-decoded, as API Gateway passes them) if `path` matches, else undefined.
 * A parameter matches one non-empty segment; a segment that does not decode does not match.
 */
export const matchPath = (template: PathTemplate, path: string): Record<string, string> | undefined => {
  const parts = path.split('/').slice(1);
  if (!path.startsWith('/') || parts.length !== template.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of template.segments.entries()) {
    const part = parts[index] ?? '';
    if ('literal' in segment) {
      if (part !== segment.literal) return undefined;
    } else {
      const value = safeDecode(part);
      if (!value) return undefined;
      params[segment.param] = value;
    }
  }
  return params;
};

/** How specific a template is: literal segments win over parameters, as in API Gateway. */
export const specificity = (template: PathTemplate): number =>
  template.segments.filter((segment) => 'literal' in segment).length;

const safeDecode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};
