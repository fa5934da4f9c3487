import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StaffSession } from './api-types';

/** The signed-in staff member, for the views (role decides which sections are offered). */
export const SessionContext = createContext<StaffSession | null>(null);
export const useSession = (): StaffSession | null => useContext(SessionContext);
