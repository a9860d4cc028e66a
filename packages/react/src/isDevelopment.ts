/**
 * Whether this is a development build. Written out in full so bundlers replace
 * `process.env.NODE_ENV` and drop development-only code from production builds.
 */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV !== 'production';
}
