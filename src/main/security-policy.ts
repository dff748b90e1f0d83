/**
 * The decisions behind the desktop app's session hardening (security.ts), as plain functions with no
 * Electron import, so they are tested in Node.
 */
import { isTrustedSender } from './ipc-validation.js';

/**
 * Links the app may open in the system browser without asking, by URL prefix. The app and its README link
 * to no site today; a link the UI gains is added here. Any other https link asks the user first.
 */
export const EXTERNAL_LINK_ALLOWLIST: readonly string[] = [];

/** What a request to open a new window (a link with target=_blank, window.open) leads to. */
export function externalLinkAction(url: string): 'open' | 'ask' | 'deny' {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'deny';
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return 'deny';
  return EXTERNAL_LINK_ALLOWLIST.some((prefix) => parsed.href.startsWith(prefix)) ? 'open' : 'ask';
}

/**
 * A permission request: only microphone capture (media with audio and nothing else: no camera, no screen),
 * only for the app's own page.
 */
export function allowPermissionRequest(
  permission: string,
  details: { mediaTypes?: readonly string[]; requestingUrl?: string },
  devServerUrl: string | undefined,
): boolean {
  const types = details.mediaTypes ?? [];
  const audioOnly = permission === 'media' && types.length > 0 && types.every((t) => t === 'audio');
  return audioOnly && isTrustedSender(details.requestingUrl, devServerUrl);
}

/** A permission check (e.g. enumerating devices): audio capture for the app's own page, nothing else. */
export function allowPermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: { mediaType?: string },
  devServerUrl: string | undefined,
): boolean {
  return (
    permission === 'media' && details.mediaType === 'audio' && isTrustedSender(requestingOrigin, devServerUrl)
  );
}
