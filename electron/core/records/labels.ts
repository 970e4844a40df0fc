// How a conveyance is named in grids and record views. Flight numbers are stored as sent, which is
// usually with the airline's code ("JU2424"); a bare number gets the code in front.
export const flightLabel = (c: string) =>
  `(CASE WHEN substr(${c}.flight_number, 1, length(${c}.carrier_code)) = ${c}.carrier_code THEN ${c}.flight_number ELSE coalesce(${c}.carrier_code, '') || ${c}.flight_number END)`;

/** A vessel's name, or a flight's number (with its date when `withDate`). */
export const conveyanceLabel = (c: string, withDate = false) => `coalesce(${c}.vessel_name, ${flightLabel(c)}${withDate ? ` || ' ' || ${c}.flight_date` : ''})`;
