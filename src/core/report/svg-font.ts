/**
 * Font stack for generated SVG. DejaVu Sans and Liberation Sans ship with Debian (fonts-dejavu-core,
 * fonts-liberation); Arial and Helvetica cover Windows and macOS, where the PNG is also rendered.
 */
export const SVG_FONT = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
