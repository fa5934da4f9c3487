import { createStoreAuditLog } from '../../shared/adapters/audit/store-audit-log';
import { createLogger } from '../../shared/adapters/log/logger';
import { createStore } from '../../shared/adapters/store';
import { parseOutcomesConfig, type OutcomesEnv } from '../../shared/config/outcomes-env';
import { systemClock, type Clock } from '../../shared/ports/clock';
import type { DocumentStore } from '../../shared/ports/document-store';
import type { Logger } from '../../shared/ports/logger';
import { injectedDeps } from '../../shared/runtime/deps';
import { createAuthorize, type Authorize } from '../../shared/services/access/authorize';
import { createStaffSessionCheck } from '../../shared/services/identity/session-check';
import { createMemberRepository } from '../../shared/services/members/member-repository';
import { onceUntilFailure } from '../../shared/once-until-failure';

/**
 * The outcomes function's dependencies: the store, the clock, the log, and authorization (staff
 * sessions held to the roster, the audit of denials). No WeCom client and no field cipher: it sends
 * nothing and reads no encrypted field, so it is deployed without those secrets (least privilege).
 * The full AppDeps the local stack and tests inject fit this shape and are used as they are.
 */
export interface OutcomesDeps {
  config: OutcomesEnv;
  store: DocumentStore;
  clock: Clock;
  log: Logger;
  authorize: Authorize;
}

function build(): OutcomesDeps {
  const config = parseOutcomesConfig();
  const store = createStore(config);
  const clock = systemClock;
  const members = createMemberRepository(store);
  const staffSessions = createStaffSessionCheck(store);
  return {
    config,
    store,
    clock,
    log: createLogger({ level: config.LOG_LEVEL }),
    authorize: createAuthorize({ members, audit: createStoreAuditLog(store, { clock }), store, clock, staffSessions }),
  };
}

/** Built once per cold start; a failed build (a bad variable) is tried again on the next invocation. */
const built = onceUntilFailure(() => Promise.resolve().then(build));

export function loadOutcomesDeps(): Promise<OutcomesDeps> {
  return injectedDeps() ?? built();
}
