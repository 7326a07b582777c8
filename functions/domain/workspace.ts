/** A company workspace as its administrators see it. */
export interface Workspace {
  workspaceId: string;
  name: string;
  /** ISO 3166-1 alpha-2, or null when none was set at creation. */
  countryCode: string | null;
}
