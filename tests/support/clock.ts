/** A clock the test moves by hand; the only thing besides randomness that tests may fake. */
export class TestClock {
  private current: Date;
  constructor(start: string | Date = '2026-11-26T10:00:00.000Z') {
    this.current = new Date(start);
  }
  now = (): Date => new Date(this.current);
  set(at: string | Date): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
