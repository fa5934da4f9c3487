/**
 * Who calls a mini-program `callFunction`, as the trigger adapter reads it from the platform's context
 * (shared/adapters/triggers/call-context.ts). Only the platform sets these; the event body is
 * caller-controlled and never trusted for identity.
 */
export interface MiniProgramCaller {
  openId?: string;
  appId?: string;
  source?: string;
}
