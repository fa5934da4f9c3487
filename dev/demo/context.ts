import type { StackCredentials } from '../stack-file';

/** What each demo step gets: where the running stack is, its secrets, a printer, and state passed between steps. */
export interface DemoContext {
  baseUrl: string;
  sandboxUrl: string;
  /** The running stack's credentials (from DATA_DIR/local-stack.json), whatever it was started with. */
  secrets: StackCredentials;
  /** Prints one labelled line of the transcript (Chinese label, English label, value). */
  print(labelZh: string, labelEn: string, value: unknown): void;
  state: Record<string, unknown>;
}
