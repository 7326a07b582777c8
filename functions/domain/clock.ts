/** Source of the current time. Injected everywhere time matters, so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests and benchmarks. */
export class ManualClock implements Clock {
  private current: number;

  public constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  public now(): Date {
    return new Date(this.current);
  }

  public advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  public set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }
}
