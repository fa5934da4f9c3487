import type { DevSecrets } from '../dev-env';

/** What each demo step gets: where the running stack is, its secrets, a printer, and state passed between steps. */
export interface DemoContext {
  baseUrl: string;
  sandboxUrl: string;
  secrets: DevSecrets;
  /** Prints one labelled line of the transcript (Chinese label, English label, value). */
  print(labelZh: string, labelEn: string, value: unknown): void;
  state: Record<string, unknown>;
}
