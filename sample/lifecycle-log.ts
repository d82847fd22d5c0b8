/** The sample prints its lifecycle so `npm start` shows the order hooks run in. */
export function lifecycleLog(source: string, message: string): void {
  console.log(`[${source}] ${message}`);
}
