/** The desktop app's hardening, through its plain modules in Node (the Electron binary can't run here). */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, CSP_PLACEHOLDER, injectCsp } from '../../../src/common/csp.js';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  externalLinkAction,
} from '../../../src/main/security-policy.js';
import { ELECTRON_CSP } from '../../../src/main/studio-protocol.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const APP = 'studio://app/index.html';

describe('links that would open a window', () => {
  it('never open inside the app; an unknown https link asks, anything else is refused', () => {
    expect(externalLinkAction('https://example.org/page')).toBe('ask');
    for (const url of [
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.org/',
      'not a url',
    ]) {
      expect(externalLinkAction(url)).toBe('deny');
    }
  });
});

describe('permissions', () => {
  it('grants microphone capture to the app page only', () => {
    expect(allowPermissionRequest('media', { mediaTypes: ['audio'], requestingUrl: APP }, undefined)).toBe(
      true,
    );
    expect(
      allowPermissionRequest('media', { mediaTypes: ['audio'], requestingUrl: 'https://x.org/' }, undefined),
    ).toBe(false);
  });

  it('refuses camera, screen, and a media request that names no type', () => {
    expect(allowPermissionRequest('media', { mediaTypes: ['video'], requestingUrl: APP }, undefined)).toBe(
      false,
    );
    expect(
      allowPermissionRequest('media', { mediaTypes: ['audio', 'video'], requestingUrl: APP }, undefined),
    ).toBe(false);
    expect(allowPermissionRequest('media', { mediaTypes: [], requestingUrl: APP }, undefined)).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: APP }, undefined)).toBe(false);
    expect(allowPermissionRequest('display-capture', { requestingUrl: APP }, undefined)).toBe(false);
    expect(allowPermissionRequest('geolocation', { requestingUrl: APP }, undefined)).toBe(false);
  });

  it('answers permission checks for audio only', () => {
    expect(allowPermissionCheck('media', 'studio://app', { mediaType: 'audio' }, undefined)).toBe(true);
    expect(allowPermissionCheck('media', 'studio://app', { mediaType: 'video' }, undefined)).toBe(false);
    expect(allowPermissionCheck('media', 'studio://app', {}, undefined)).toBe(false);
    expect(allowPermissionCheck('media', 'https://x.org', { mediaType: 'audio' }, undefined)).toBe(false);
  });
});

describe('one Content-Security-Policy', () => {
  const directives = (policy: string): string[] => policy.split(/;\s*/).sort();

  it("the meta tag Vite writes is the headers' policy, less what a meta tag cannot carry", () => {
    const html = fs.readFileSync(`${root}src/renderer/index.html`, 'utf8');
    expect(html.split(CSP_PLACEHOLDER)).toHaveLength(2);
    expect(html).not.toMatch(/default-src/); // no second, hand-written copy
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(injectCsp(html))?.[1] ?? '';
    const header = contentSecurityPolicy();
    expect(directives(meta)).toEqual(directives(header).filter((d) => !d.startsWith('frame-ancestors')));
    expect(ELECTRON_CSP).toBe(header);
  });

  it('runs no inline script and nothing remote', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(policy).not.toMatch(/https?:|\*/);
  });
});

describe('Electron fuses', () => {
  const fuses = JSON.parse(fs.readFileSync(`${root}electron-fuses.json`, 'utf8')) as Record<string, unknown>;
  // @electron/fuses' FuseV1Options.
  const KNOWN = [
    'RunAsNode',
    'EnableCookieEncryption',
    'EnableNodeOptionsEnvironmentVariable',
    'EnableNodeCliInspectArguments',
    'EnableEmbeddedAsarIntegrityValidation',
    'OnlyLoadAppFromAsar',
    'LoadBrowserProcessSpecificV8Snapshot',
    'GrantFileProtocolExtraPrivileges',
  ];

  it('turns off running as Node and its back doors, turns on cookie encryption and ASAR integrity', () => {
    expect(fuses).toMatchObject({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
    for (const name of Object.keys(fuses).filter((k) => !k.startsWith('$'))) expect(KNOWN).toContain(name);
    expect(fs.existsSync(`${root}bin/flip-fuses.js`)).toBe(true);
  });
});
