/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { StudioBridge } from '../common/client.js';

declare global {
  interface Window {
    /** Present only in Electron: the preload's bridge (see src/preload). */
    studio?: StudioBridge;
  }
}
