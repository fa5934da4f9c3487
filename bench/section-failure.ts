/**
 * A section's failure with the figures behind it. bench/run.ts prints a section's table when it
 * passes; when it fails, the figures that failed matter as much, so it prints these before the message.
 */
export class SectionFailure extends Error {
  constructor(
    message: string,
    readonly figures: unknown,
  ) {
    super(message);
  }
}

/** Runs a section's checks over its figures: what they throw is rethrown as a SectionFailure carrying the figures. */
export function checkFigures(figures: unknown, checks: () => void): void {
  try {
    checks();
  } catch (err) {
    throw new SectionFailure(err instanceof Error ? err.message : String(err), figures);
  }
}
