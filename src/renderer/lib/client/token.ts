const KEY = 'emotion-studio.token';

/**
 * The per-launch token arrives once in the page URL (`?token=`), printed by `ser serve`. It is kept in
 * sessionStorage so a reload keeps working, and taken out of the address bar so it isn't bookmarked or shared.
 */
export function takeToken(location: Location = window.location, history: History = window.history): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(KEY, fromUrl);
    } catch {
      // storage can be disabled; the token then lives only in this page
    }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}
