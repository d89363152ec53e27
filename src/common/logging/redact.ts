/** Credentials never reach the log: query values are replaced by ***. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:api_key|session_token|password|code)=)[^&#]*/gi, '$1***');
}
