// The add-in's settings, written into the bundle by webpack (webpack.config.js, lib/addinBuildSettings.ts).
import type { AddinBuildSettings } from "../../../lib/addinBuildSettings";

declare const ADDIN_BUILD_SETTINGS: AddinBuildSettings;

export const buildSettings: AddinBuildSettings = ADDIN_BUILD_SETTINGS;
