/** The time windows offered by the title bar's "Set Time Window" picker, in hours. */
export const TIME_WINDOWS: readonly { readonly hours: number; readonly label: string }[] = [
  { hours: 1, label: 'Last hour' },
  { hours: 6, label: 'Last 6 hours' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 72, label: 'Last 3 days' },
  { hours: 168, label: 'Last 7 days' },
  { hours: 720, label: 'Last 30 days' },
  { hours: 2160, label: 'Last 90 days (all of event history)' },
];

/** `24 h`, `7 d` for the view description. */
export function shortWindow(hours: number): string {
  return hours % 24 === 0 && hours >= 48 ? `${hours / 24} d` : `${hours} h`;
}
