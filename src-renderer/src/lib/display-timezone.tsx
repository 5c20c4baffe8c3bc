// The timezone every time on the board is shown in (app.info's displayTimezone).
import { createContext, useContext } from 'react';

export const DEFAULT_DISPLAY_TIMEZONE = 'America/Denver';

const DisplayTimeZoneContext = createContext(DEFAULT_DISPLAY_TIMEZONE);

export const DisplayTimeZoneProvider = DisplayTimeZoneContext.Provider;

export function useDisplayTimeZone(): string {
  return useContext(DisplayTimeZoneContext);
}
