/** The server's version, reported to admins and in the OpenAPI documents. */
export const SERVER_VERSION = '0.1.0';
