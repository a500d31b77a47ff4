/**
 * Where the service is: its PUBLIC_URL (an origin, or an origin and a path
 * when it is reached behind a path of the news site), without a trailing
 * slash. The loader (/widget.js) and the console page set it before the
 * bundle runs, so the bundle never guesses from the page it is embedded in.
 */
export function serviceBase(): string {
  const given = (globalThis as { __newsroomComments?: { base?: string } }).__newsroomComments?.base;
  if (given) return given;
  // Otherwise the bundle's own address, .../assets/<name>.<hash>.js, says where the service is
  // (read while the bundle first runs: document.currentScript is gone afterwards).
  const script = document.currentScript as HTMLScriptElement | null;
  return script ? new URL('..', script.src).href.replace(/\/$/, '') : location.origin;
}
